"""The website app's one URL aggregator: back office (`/website/`) and the public site (portal pages)."""

from .public import search_urls

backoffice = ([], "website")
site = ([*search_urls.site], "website_site")
