from django.urls import path

from . import portal_views as v

app_name = "portal_archive"

urlpatterns = [
    path("", v.archive, name="archive"),
]
