"""The website app's one URL aggregator: back office (`/website/`) and the public site (portal pages)."""

from .public import urls as public_urls

backoffice = ([], "website")
site = ([*public_urls.site], "website_site")
