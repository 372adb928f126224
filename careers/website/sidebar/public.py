"""The public 侧边栏: every shown link read once into the cache (one query), filtered by role in Python, so a page
costs 0 queries while the cache is warm; any save or delete of a link drops the cache (connect())."""

from django.core.cache import cache

from careers.core import cache_versions

from ..links import is_external
from .models import SidebarAudience, SidebarLink

CACHE_KEY = "website:sidebar"
TIMEOUT = 3600
DEFAULT_TOPIC = "常用链接"


def all_links():
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = [{"title": title, "url": url, "audience": audience, "topic": topic or DEFAULT_TOPIC, "icon": icon,
                 "external": is_external(url)}
                for title, url, audience, topic, icon in SidebarLink.objects.filter(is_visible=True)
                .order_by("ordering", "pk").values_list("title", "url", "audience", "topic", "icon")]
        cache.set(CACHE_KEY, rows, TIMEOUT)
    return rows


def audience_of(user):
    """The 按角色展示 audience of a visitor: 未登录访客, 学生, 用人单位 or 教师/管理员."""
    if user is None or not user.is_authenticated:
        return SidebarAudience.VISITOR
    if getattr(user, "is_backoffice", False):
        return SidebarAudience.STAFF
    kind = getattr(user, "kind", "")
    return SidebarAudience.EMPLOYER if kind == "employer" else SidebarAudience.STUDENT


def links_for(user):
    audience = audience_of(user)
    return [row for row in all_links() if row["audience"] in (SidebarAudience.ALL, audience)]


def grouped(rows):
    """[(topic, [link, …]), …] in the order each topic first appears."""
    groups = {}
    for row in rows:
        groups.setdefault(row["topic"], []).append(row)
    return list(groups.items())


def forget(**kwargs):
    cache_versions.now_and_after_commit(lambda: cache.delete(CACHE_KEY))


def connect():
    from django.db.models.signals import post_delete, post_save

    post_save.connect(forget, sender=SidebarLink, dispatch_uid="website-sidebar-save")
    post_delete.connect(forget, sender=SidebarLink, dispatch_uid="website-sidebar-delete")
