"""The website app's one URL aggregator: back office (`/website/`) and the public site (portal pages)."""

backoffice = ([], "website")
site = ([], "website_site")
