"""{% website_sidebar %}: the 侧边栏 shortcut links for the visitor's role (owned by the sidebar area)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def website_sidebar(context, layout="role"):
    return ""
