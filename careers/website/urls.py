"""The website app's one URL aggregator: back office (`/website/`) and the public site (portal pages)."""

from .public import urls as public

backoffice = ([], "website")
site = ([*public.site], "website_site")
