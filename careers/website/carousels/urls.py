"""轮播图管理: back office under /website/ ("website"); slide images on the site ("website_site")."""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import site as site_views
from . import views as v

backoffice = [
    *model_urls("carousels", "carousel", list=v.CarouselListView, add=v.CarouselEditView, detail=v.CarouselView,
                edit=v.CarouselEditView, delete=v.CarouselDeleteView),
    path("carousels/<int:pk>/slides/add/", v.SlideAddView.as_view(), name="carousel_slide_add"),
    *model_urls("carousels/slides", "slide", edit=v.SlideEditView, delete=v.SlideDeleteView, move=v.SlideMoveView),
]
site = [
    path("carousel-images/<int:pk>/", site_views.slide_image, {"size": "large"}, name="slide_image"),
    path("carousel-images/<int:pk>/small/", site_views.slide_image, {"size": "small"}, name="slide_image_small"),
]
