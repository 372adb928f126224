"""网站菜单设置: every write of a column goes through here (one transaction, logged by the history)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from careers.core.scoping import SYSTEM, sees_all_majors

from .models import Category

MAX_DEPTH = 3  # 一级 → 二级 → 三级 菜单


def depth_of(category):
    """1 for a top-level column, 2 for its sub-column …"""
    depth, seen, node = 1, set(), category.parent
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        depth += 1
        node = node.parent
    return depth


def subtree_height(category):
    """Levels in the column's own subtree (1: no sub-columns)."""
    if category.pk is None:
        return 1
    height, level = 1, [category.pk]
    while True:
        level = list(Category.objects.filter(parent__in=level).values_list("pk", flat=True))
        if not level:
            return height
        height += 1


def descendant_ids(category):
    found, level = set(), [category.pk]
    while level:
        level = [pk for pk in Category.objects.filter(parent__in=level).values_list("pk", flat=True)
                 if pk not in found]
        found.update(level)
    return found


def check_category(category, acting_user):
    """The nesting and college rules, as field errors."""
    parent = category.parent
    if parent is not None and category.pk is not None:
        if parent.pk == category.pk:
            raise ValidationError({"parent": "上级菜单不能是它自己。"})
        if parent.pk in descendant_ids(category):
            raise ValidationError({"parent": f"上级菜单“{parent}”是本菜单的下级菜单，不能互相嵌套。"})
    if parent is not None:
        levels = depth_of(parent) + subtree_height(category)
        if levels > MAX_DEPTH:
            raise ValidationError({"parent": f"菜单最多 {MAX_DEPTH} 级，放在“{parent}”下将达到 {levels} 级。"})
    if acting_user is not SYSTEM and not sees_all_majors(acting_user) and category.college_id is None:
        raise ValidationError({"college": "学院管理员只能管理本学院的栏目，请选择所属学院。"})


def save_category(category, *, acting_user):
    check_category(category, acting_user)
    with transaction.atomic():
        category.save()
    return category


def delete_category(category, *, acting_user):
    """Refused while the column still has articles or sub-columns (say how many)."""
    articles = category.articles.count()
    children = category.children.count()
    if articles or children:
        parts = [f"{articles} 条资讯" if articles else "", f"{children} 个下级菜单" if children else ""]
        raise ValidationError(f"菜单“{category}”下还有{'和'.join(p for p in parts if p)}，请先移走或删除后再删除该菜单。")
    with transaction.atomic():
        category.delete()


def tree(categories):
    """[(category, depth)] in display order: each column followed by its sub-columns, by `ordering`.
    A column whose parent is not in `categories` (out of scope) is shown at the top level."""
    categories = list(categories)
    present = {c.pk for c in categories}
    children = {}
    for c in categories:
        children.setdefault(c.parent_id if c.parent_id in present else None, []).append(c)
    for rows in children.values():
        rows.sort(key=lambda c: (c.ordering, c.pk))
    out = []

    def walk(parent_id, depth):
        for c in children.get(parent_id, []):
            out.append((c, depth))
            if depth < 10:
                walk(c.pk, depth + 1)

    walk(None, 1)
    return out
