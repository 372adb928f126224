"""绑定微信 for employers (/company/wechat/): the unit's account scans a bind QR or binds by 网页授权; unbind."""

from django.views.decorators.http import require_POST

from careers.recruitment.employers.access import employer_required

from . import pages

NAMES = {"page": "wechat_company:bind", "open": "wechat_company:bind", "unbind": "wechat_company:unbind",
         "oauth": "wechat_company:oauth"}


@employer_required
def bind(request):
    return pages.bind_page(request, "wechat/binding/bind_company.html", names=NAMES)


@require_POST
@employer_required
def unbind(request):
    return pages.unbind_own(request, NAMES["page"])


@employer_required
def oauth(request):
    return pages.oauth_start(request, NAMES["page"])
