from django import template
from django.urls import NoReverseMatch, reverse

from ..company_nav import COMPANY_NAV

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
