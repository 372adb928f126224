"""The website app's one URL aggregator: back office (`/website/`) and the public site (portal pages)."""

from .articles import urls as articles
from .categories import urls as categories

backoffice = ([*categories.backoffice, *articles.backoffice], "website")
site = ([*articles.site], "website_site")
