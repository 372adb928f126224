"""{% website_sidebar layout="role" %} / {% website_sidebar layout="topic" %}: the 侧边栏 shortcut links for the
visitor's role (anonymous → 未登录访客 + 所有访客; student; employer; staff), as one list ("role") or grouped by
事务分类 ("topic"). Cached: 0 queries on a warm cache."""

from django import template
from django.template.loader import render_to_string

from ..sidebar.public import grouped, links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def website_sidebar(context, layout="role"):
    request = context.get("request")
    rows = links_for(getattr(request, "user", None))
    if layout != "topic":
        layout = "role"
    groups = grouped(rows) if layout == "topic" else ([("快捷链接", rows)] if rows else [])
    if not groups:
        return ""  # no links for this visitor: the page leaves the block out
    return render_to_string("website/includes/sidebar.html", {"groups": groups, "layout": layout})
