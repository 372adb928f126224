"""The website app's one URL aggregator: back office (`/website/`) and the public site (portal pages)."""

from .carousels import urls as carousels
from .reminders import urls as reminders
from .sidebar import urls as sidebar
from .siteinfo import urls as siteinfo

AREAS = (sidebar, siteinfo, reminders, carousels)

backoffice = ([pattern for area in AREAS for pattern in area.backoffice], "website")
site = ([pattern for area in AREAS for pattern in area.site], "website_site")
