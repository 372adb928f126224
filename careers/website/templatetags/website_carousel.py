"""{% website_carousel "home" %}: a named carousel's current slides as an accessible Bootstrap carousel (without
JavaScript the first slide shows as a plain banner; phones get the small image through <picture>). Cached:
careers/website/carousels/public.py (0 queries warm, 1 on a miss)."""

from django import template
from django.template.loader import render_to_string

from ..carousels.public import current_slides

register = template.Library()


@register.simple_tag(takes_context=True)
def website_carousel(context, code, label="图片轮播"):
    slides = current_slides(code)
    if not slides:
        return ""
    return render_to_string("website/includes/carousel.html", {"slides": slides, "code": code, "label": label})
