"""{% site_settings as s %} / {% info_block "about" as block %}: 网站参数 and 网站信息 for templates (cached)."""

from django import template

from ..siteinfo.cache import current_settings, info_block as _info_block

register = template.Library()


@register.simple_tag
def site_settings():
    return current_settings()


@register.simple_tag
def info_block(code):
    return _info_block(code)
