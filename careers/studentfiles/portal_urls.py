from django.urls import path

from . import portal_views as v

app_name = "portal_gallery"

urlpatterns = [
    path("", v.gallery, name="gallery"),
    path("<int:pk>/file/", v.image_file, name="image_file"),
    path("<int:pk>/delete/", v.image_delete, name="image_delete"),
]
