"""Rich text (job descriptions, employer introductions, later CMS articles): sanitized once, on the way in.

`sanitize_html` keeps the formatting an editor produces (paragraphs, lists, emphasis, tables, links)
and drops scripts, event handlers, styles and any URL scheme other than http(s)/mailto, so the stored
HTML can be rendered with |safe. `plain_text` is the searchable/excerptable text of the same HTML.
"""

import html
import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "h3", "h4", "h5", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td", "a", "span", "div", "hr", "sub", "sup"}
ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|li|h[3-5]|tr|blockquote)>|<br\s*/?>", re.I)
# What sanitising drops that the user should be told about (formatting tags it keeps are not listed).
UNSAFE = re.compile(r"<\s*(script|style|iframe|object|embed|form|input|img|svg|link|meta)\b|\son\w+\s*="
                    r"|javascript\s*:|(?:href|src)\s*=\s*[\"']?\s*data\s*:", re.I)


def sanitize_html(value):
    """Safe HTML from whatever the browser sent (plain text becomes paragraphs)."""
    value = (value or "").strip()
    if not value:
        return ""
    if "<" not in value:  # plain text from a textarea: keep its line breaks
        value = "".join(f"<p>{html.escape(line)}</p>" for line in value.splitlines() if line.strip())
    return nh3.clean(value, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow").strip()


def clean_required_html(raw, what):
    """(sanitized HTML, whether unsafe content was dropped) for a required rich-text field named `what`;
    ValidationError when nothing readable is left."""
    from django.core.exceptions import ValidationError

    cleaned = sanitize_html(raw)
    if not has_text(cleaned):
        raise ValidationError(f"{what}不能为空（脚本等不安全的内容已被移除，请填写文字说明）。")
    return cleaned, bool(UNSAFE.search(raw or ""))


def has_text(value):
    return bool(plain_text(value))


def plain_text(value):
    """The text of sanitized HTML, one line per block, for search, excerpts and e-mails."""
    text = _BLOCK_END.sub("\n", value or "")
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# -- 网站资讯 (CMS articles): a wider profile for the rich-text editor's output --------------------------------
ARTICLE_TAGS = TAGS | {"h1", "h2", "figure", "figcaption", "img", "pre", "code", "caption"}
ARTICLE_ATTRIBUTES = {**ATTRIBUTES, "img": {"src", "alt", "width", "height"}}
# Like UNSAFE, but images are the editor's own (those pointing elsewhere are counted separately).
ARTICLE_UNSAFE = re.compile(r"<\s*(script|style|iframe|object|embed|form|input|svg|link|meta)\b|\son\w+\s*="
                            r"|javascript\s*:|(?:href|src)\s*=\s*[\"']?\s*data\s*:", re.I)
_IMG_WITHOUT_SRC = re.compile(r"<img\b(?![^>]*\ssrc=)[^>]*>", re.I)


def sanitize_article_html(value, image_prefixes):
    """(safe HTML, whether something unsafe was dropped) for an article body: headings, figures, code, tables,
    links (rel="noopener noreferrer") and images whose src starts with one of `image_prefixes` (our own stored
    editor images); an image from anywhere else is removed."""
    raw = (value or "").strip()
    if not raw:
        return "", False
    foreign = []

    def keep(tag, attribute, url):
        if tag == "img" and attribute == "src" and not url.startswith(tuple(image_prefixes)):
            foreign.append(url)
            return None
        return url

    cleaned = nh3.clean(raw, tags=ARTICLE_TAGS, attributes=ARTICLE_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        attribute_filter=keep, link_rel="noopener noreferrer",
                        clean_content_tags={"script", "style"})
    cleaned = _IMG_WITHOUT_SRC.sub("", cleaned).strip()
    return cleaned, bool(foreign or ARTICLE_UNSAFE.search(raw))
