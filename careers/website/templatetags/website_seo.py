"""{% seo_meta as meta %} (seo_head.html) and {{ text|highlight:words }} (the site search's result lists)."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..articles.models import Article
from ..categories.models import Category
from ..public.seo import page_meta, seo_for_article, seo_for_category

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_meta(context):
    request = context.get("request")
    if request is None:
        return None
    seo = context.get("seo")
    if seo is None:  # a page that set no `seo`: an article's or a column's own (other `category` objects ignored)
        article, column = context.get("article"), _column(context)
        seo = seo_for_article(article, column=column) if isinstance(article, Article) else \
            seo_for_category(column) if column is not None else None
    return page_meta(request, seo)


def _column(context):
    """The page's column: `column` (a Category or the portal's cached node, a dict with a slug) or a Category
    `category`."""
    for name in ("column", "category"):
        value = context.get(name)
        if isinstance(value, Category) or (isinstance(value, dict) and value.get("slug")):
            return value
    return None


@register.filter
def highlight(text, words):
    """`text` escaped, each keyword of `words` (case-insensitive) wrapped in <mark>."""
    text = str(text or "")
    words = [w for w in (words or []) if w]
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last:match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
