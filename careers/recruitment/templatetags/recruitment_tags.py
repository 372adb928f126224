from django import template
from django.urls import NoReverseMatch, reverse

from ..employers.company_nav import COMPANY_NAV

register = template.Library()


@register.simple_tag(takes_context=True)
def company_nav(context):
    """[(label, url, icon, active)] of the employer portal menu; entries whose page doesn't exist yet are left out."""
    path = context["request"].path
    items = []
    for label, name, icon in COMPANY_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append((label, url, icon, path == url or (url != "/company/" and path.startswith(url))))
    return items


@register.filter
def region_path(region):
    """“湖北省 武汉市 洪山区”; a municipality's repeated level is shown once (“北京市 海淀区”)."""
    if region is None:
        return ""
    chain = [region.name]
    parent = region.parent
    while parent is not None and len(chain) < 3:
        chain.insert(0, parent.name)
        parent = parent.parent
    return " ".join(dict.fromkeys(chain))
