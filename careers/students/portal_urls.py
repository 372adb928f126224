"""学生中心, mounted at /me/ (config/urls.py)."""

from django.urls import path

from . import portal_views as pv

app_name = "portal"

urlpatterns = [
    path("", pv.home, name="home"),
    path("edit/", pv.edit, name="edit"),
    path("regions/", pv.region_options, name="regions"),
    path("photo/", pv.photo, name="photo"),
    path("photo/file/", pv.photo_file, name="photo_file"),
]
