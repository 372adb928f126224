"""Slide images for the site (large, or the phone-size copy), with Range / Last-Modified (core.downloads)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from careers.core.downloads import serve_file

from .models import Slide


@require_safe
def slide_image(request, pk, size):
    slide = get_object_or_404(Slide.objects.only("image", "image_small"), pk=pk)
    field = slide.image_small if size == "small" and slide.image_small else slide.image
    if not field:
        raise Http404("图片不存在。")
    return serve_file(request, field, max_age=7 * 86400)
