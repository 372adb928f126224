from django import template
from django.urls import NoReverseMatch, reverse

from careers.codes.regions import region_path

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


# “湖北省 武汉市 洪山区” in templates: the one label of a region (careers/codes/regions.py)
register.filter("region_path", region_path)
