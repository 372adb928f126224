import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

# When even the branded page cannot be rendered (e.g. a static file missing from the manifest).
PLAIN_500 = ("<!doctype html><html lang=\"zh-hans\"><head><meta charset=\"utf-8\"><title>系统错误</title></head>"
             "<body><h1>系统暂时出现问题</h1><p>我们已记录此错误，请稍后重试。如持续出现，请联系学校就业中心技术人员。</p>"
             "<a href=\"/\">返回首页</a></body></html>")


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有访问该页面的权限。"
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without the request, like Django's own: context processors would touch the
    database or the session, which may be what failed."""
    try:
        body = loader.get_template("500.html").render()
    except Exception:
        logger.exception("the 500 page itself failed to render")
        body = PLAIN_500
    return HttpResponseServerError(body)
