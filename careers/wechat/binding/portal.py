"""绑定微信 for students (/me/wechat/, phone first): scan a bind QR, or bind by 网页授权 inside WeChat; unbind."""

from django.views.decorators.http import require_POST

from careers.accounts.portal_access import student_required

from . import pages

NAMES = {"page": "wechat_portal:bind", "open": "wechat_portal:bind", "unbind": "wechat_portal:unbind",
         "oauth": "wechat_portal:oauth"}


@student_required
def bind(request, student):
    return pages.bind_page(request, "wechat/binding/bind_portal.html", names=NAMES)


@require_POST
@student_required
def unbind(request, student):
    return pages.unbind_own(request, NAMES["page"])


@student_required
def oauth(request, student):
    return pages.oauth_start(request, NAMES["page"])
