"""微信自定义菜单 writes: save an item, delete, 上移/下移, replace with the default menu. Each runs in one transaction
and re-checks the whole menu with rules.py (the editor's check: a 子菜单 may still be empty), so the stored menu
never breaks WeChat's limits; saves and deletes land in the operation log through the model's history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careers.core import ordering
from careers.core.scoping import account, may

from . import rules
from .models import MenuItem, MenuKind


def _require(user, action):
    if not may(user, MenuItem, action):
        raise PermissionDenied("您没有修改微信自定义菜单的权限。")


def _check_stored(base_url=""):
    rules.check(rules.load_tree(), base_url, complete=False)


def save_item(item, *, acting_user, base_url=""):
    """Save a new or changed item; ValidationError (Chinese, naming the item) when the menu would break a limit."""
    _require(acting_user, "change" if item.pk else "add")
    item.name = (item.name or "").strip()
    item.url = (item.url or "").strip()
    item.key = (item.key or "").strip()
    if item.parent_id is not None:
        parent = MenuItem.objects.get(pk=item.parent_id)
        if parent.parent_id is not None:
            raise ValidationError("微信菜单只有两级：二级菜单下不能再添加菜单。")
        if item.pk and item.children.exists():
            raise ValidationError(f"“{item.name}”含有二级菜单，不能移到其他菜单下面。")
    if item.kind == MenuKind.PARENT:
        item.url = item.key = ""
    elif item.kind == MenuKind.VIEW:
        item.key = ""
    else:
        item.url = ""
    with transaction.atomic():
        if not item.pk:
            siblings = MenuItem.objects.filter(parent_id=item.parent_id).select_for_update()
            item.position = max((row.position for row in siblings), default=0) + 10
        item._history_user = account(acting_user)
        item.save()
        _check_stored(base_url)  # raising rolls the save back
    return item


def delete_item(item, *, acting_user):
    """Delete an item (and its sub-items, each logged)."""
    _require(acting_user, "delete")
    with transaction.atomic():
        for child in item.children.all():
            child._history_user = account(acting_user)
            child.delete()
        item._history_user = account(acting_user)
        item.delete()


def move_item(item, direction, *, acting_user):
    """上移 = "up", 下移 = "down" among the item's siblings; False at either end (core.ordering.move)."""
    _require(acting_user, "change")
    return ordering.move(MenuItem.objects.filter(parent_id=item.parent_id), item, direction, acting_user=acting_user,
                         field="position")


def replace_with(tree, *, acting_user):
    """Replace the stored menu by `tree` (rules.Node list); every delete and insert is logged by history."""
    with transaction.atomic():
        rows = list(MenuItem.objects.select_for_update().order_by("pk"))
        for item in sorted(rows, key=lambda row: row.parent_id is None):  # sub-items first: no cascade
            item._history_user = account(acting_user)
            item.delete()
        for top_position, node in enumerate(tree, start=1):
            top = MenuItem(name=node.name, kind=node.kind, url=node.url, key=node.key, position=top_position * 10)
            top._history_user = account(acting_user)
            top.save()
            for position, child in enumerate(node.children, start=1):
                sub = MenuItem(parent=top, name=child.name, kind=child.kind, url=child.url, key=child.key,
                               position=position * 10)
                sub._history_user = account(acting_user)
                sub.save()
