"""The public 网站标志 (logo), served from the site with Range / Last-Modified (core.downloads.serve_file)."""

from django.http import Http404
from django.views.decorators.http import require_safe

from careers.core.downloads import serve_file

from .cache import current_settings


@require_safe
def logo(request):
    settings_obj = current_settings()
    if not settings_obj.logo:
        raise Http404("网站未设置标志。")
    return serve_file(request, settings_obj.logo, max_age=86400)
