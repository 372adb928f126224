"""The website app's one URL aggregator: back office (`/website/`) and the public site (portal pages).
Each area's `urls.py` has a `backoffice` and a `site` list."""

from .articles import urls as articles
from .carousels import urls as carousels
from .categories import urls as categories
from .public import search_urls
from .public import urls as public
from .reminders import urls as reminders
from .sidebar import urls as sidebar
from .siteinfo import urls as siteinfo

AREAS = (categories, articles, sidebar, siteinfo, reminders, carousels)
PUBLIC = (public, search_urls)  # the portal's pages: home, columns, articles; search, feeds, sitemap, robots.txt

backoffice = ([pattern for area in AREAS for pattern in area.backoffice], "website")
site = ([pattern for area in (*AREAS, *PUBLIC) for pattern in area.site], "website_site")
