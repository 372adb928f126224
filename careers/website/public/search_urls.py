"""Public URLs of the search/feeds/SEO area: site search, RSS/Atom, sitemap.xml, robots.txt (namespace
`website_site`, mounted at / by website/urls.py next to the portal pages of public/urls.py)."""

from django.urls import path

from . import feeds, search, sitemaps

site = [
    path("search/", search.site_search, name="search"),
    path("feeds/<slug:kind>/rss/", feeds.ArticleRssFeed(), name="feed_rss"),
    path("feeds/<slug:kind>/atom/", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("c/<slug:slug>/rss/", feeds.ArticleRssFeed(), name="category_rss"),
    path("c/<slug:slug>/atom/", feeds.ArticleAtomFeed(), name="category_atom"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
