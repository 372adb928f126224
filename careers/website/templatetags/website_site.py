"""网站参数 and 网站信息 for templates (cached; siteinfo/cache.py):

    {% site_settings as s %}              the SiteSettings row: {{ s.site_name }}, {{ s.contact_phone }} …
    {% info_block "about" as block %}     a shown InfoBlock by code, or None: {{ block.title }} {{ block.body|safe }}
    {% site_theme %}                      <style nonce> with the colour variables, for the portal's <head>
    {% site_logo_url %}                   the logo's public URL ("" without a logo), cache-busted by its save time
"""

from django import template
from django.utils.html import format_html

from ..siteinfo.cache import current_settings, logo_url
from ..siteinfo.cache import info_block as _info_block
from ..siteinfo.forms import COLOUR

register = template.Library()


@register.simple_tag
def site_settings():
    return current_settings()


@register.simple_tag
def info_block(code):
    return _info_block(code)


def _colour(value, default):
    return value if value and COLOUR.match(value) else default


@register.simple_tag(takes_context=True)
def site_theme(context):
    """The 主色 / 辅色 as CSS variables (and Bootstrap's primary), in a nonce'd <style> (CSP)."""
    s = current_settings()
    primary = _colour(s.primary_color, "#0d4a8f")
    accent = _colour(s.accent_color, "#c8102e")
    channels = [int(primary[i:i + 2], 16) for i in (1, 3, 5)]
    rgb = ", ".join(map(str, channels))
    dark = "#" + "".join(f"{int(c * 0.75):02x}" for c in channels)  # the header's darker band
    css = (f":root{{--site-primary:{primary};--site-primary-dark:{dark};--site-accent:{accent};--bs-primary:{primary};"
           f"--bs-primary-rgb:{rgb};--bs-link-color:{primary};--bs-link-color-rgb:{rgb}}}")
    return format_html('<style nonce="{}">{}</style>', context.get("csp_nonce", ""), css)


@register.simple_tag
def site_logo_url():
    return logo_url()
