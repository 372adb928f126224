"""The portal layout's tags: {% portal_nav as nav %} (the main navigation) and the
|file_kind filter (icon and label of a file type)."""

from django import template
from django.urls import NoReverseMatch, reverse

from ..public.cache import columns
from ..public.links import file_kind as _file_kind

register = template.Library()

FIXED = (  # (label, url name, path prefix that marks it current)
    ("职位信息", "site:job_list", "/jobs/"),
    ("宣讲会", "site_events:talk_list", "/talks/"),
    ("招聘会", "site_events:fair_list", "/fairs/"),
    ("就业日历", "site_events:calendar", "/calendar/"),
)


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def portal_nav(context):
    """[{name, url, current, children: [{name, url, current}]}]: 首页, the fixed pages, then the columns shown in
    the navigation (cached: no query when warm)."""
    request = context.get("request")
    path = request.path if request else ""
    home = _url("website_site:home")
    items = [{"name": "首页", "url": home, "current": path in (home, "/"), "children": []}]
    for label, name, prefix in FIXED:
        url = _url(name)
        if url:
            items.append({"name": label, "url": url, "current": path.startswith(prefix), "children": []})
    column = context.get("column")  # an article's page names its column: that column is current too
    column_url = column.get("url", "") if isinstance(column, dict) else ""

    def here(url):
        return path == url or bool(column_url) and url == column_url

    for node in columns()["nav"]:
        children = [{**child, "current": here(child["url"])} for child in node["children"]]
        items.append({"name": node["name"], "url": node["url"], "slug": node["slug"], "children": children,
                      "current": here(node["url"]) or any(c["current"] for c in children)})
    return items


@register.filter
def file_kind(name):
    return _file_kind(name or "")
