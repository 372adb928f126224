"""The portal's public pages (namespace `website_site`, mounted at `/`)."""

from django.urls import path

from ..articles import site as article_site
from . import home

site = [
    path("home/", home.home, name="home"),
    path("c/<slug:slug>/", article_site.category, name="category"),
    path("a/<int:pk>/", article_site.article_detail, name="article_detail"),
]
