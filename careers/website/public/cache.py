"""What every public page reads about the columns, cached: the navigation tree and the index of visible columns.

    version() / bump()   the generation of the public content: any save or delete of a column, an article or an
                         attachment bumps it (signals connected by the app's registry.py), so cached pages and the
                         navigation change at once; a view count (a queryset update) does not
    columns()            {"nav": [top-level nav nodes], "by_slug": {slug: node}, "by_pk": {pk: slug},
                          "order": [slug, ...] (site order: depth first)}

A node is a plain dict (safe to pickle into Redis): pk, name, slug, kind, parent (slug or None), description,
in_nav, url, children ([node, ...] shown columns below it, in order). Only shown columns whose every ancestor is
shown are in the index: a column under a hidden one is hidden too (404). One query when cold, none when warm.
"""

from django.core.cache import cache
from django.urls import reverse

from careers.core import cache_versions

PREFIX = "website:public"  # tests give themselves their own (the cache outlives a rolled-back test)
TIMEOUT = 3600


def _version_key():
    return f"{PREFIX}:version"


def version():
    return cache_versions.current(_version_key())


def bump():
    cache_versions.bump(_version_key())


def column_url(slug):
    return reverse("website_site:category", args=[slug])


def build_columns():
    from ..categories.models import Category

    rows = list(Category.objects.filter(is_visible=True).order_by("ordering", "pk").values(
        "pk", "name", "slug", "kind", "parent_id", "in_nav", "description"))
    nodes = {row["pk"]: {**row, "url": column_url(row["slug"]), "children": [], "parent": None} for row in rows}
    top = []
    for row in rows:
        node = nodes[row["pk"]]
        if row["parent_id"] is None:
            top.append(node)
        elif row["parent_id"] in nodes:
            parent = nodes[row["parent_id"]]
            node["parent"] = parent["slug"]
            parent["children"].append(node)
        # else: under a hidden column — hidden too (not reachable from the top)
    order, by_slug = [], {}

    def walk(node, depth):
        node["depth"] = depth
        by_slug[node["slug"]] = node
        order.append(node["slug"])
        for child in node["children"]:
            walk(child, depth + 1)

    for node in top:
        walk(node, 0)
    nav = [_nav_node(node) for node in top if node["in_nav"]]
    return {"nav": nav, "by_slug": by_slug, "order": order, "by_pk": {n["pk"]: slug for slug, n in by_slug.items()}}


def _nav_node(node):
    return {"name": node["name"], "slug": node["slug"], "kind": node["kind"], "url": node["url"],
            "children": [{"name": c["name"], "slug": c["slug"], "url": c["url"]} for c in node["children"]
                         if c["in_nav"] or node["kind"] == "special"]}


def columns():
    key = f"{PREFIX}:columns:{version()}"
    value = cache.get(key)
    if value is None:
        value = build_columns()
        cache.set(key, value, TIMEOUT)
    return value


def column(slug):
    """The shown column `slug` (a node), or None."""
    return columns()["by_slug"].get(slug)


def column_of_pk(pk):
    """The shown column with primary key `pk`, or None."""
    index = columns()
    slug = index["by_pk"].get(pk)
    return index["by_slug"][slug] if slug else None


def first_column(kind):
    """The first shown column of `kind` in site order (the home page's 新闻 / 通知公告 / 就业政策 blocks)."""
    index = columns()
    for slug in index["order"]:
        if index["by_slug"][slug]["kind"] == kind:
            return index["by_slug"][slug]
    return None


def ancestors(node):
    """The node's shown ancestors, top first (breadcrumbs)."""
    index, chain = columns()["by_slug"], []
    parent = node["parent"]
    while parent:
        chain.insert(0, index[parent])
        parent = index[parent]["parent"]
    return chain


def connect():

    from ..articles.models import Article, ArticleAttachment
    from ..categories.models import Category

    cache_versions.on_change((Category, Article, ArticleAttachment), bump, "website-public")
