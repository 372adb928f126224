"""侧边栏设置 writes: save (the link rule), delete, 上移/下移. Saves are logged by the model's history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careers.core import ordering
from careers.core.scoping import account, may

from ..links import clean_link
from .models import SidebarLink


def _require(user, action):
    if not may(user, SidebarLink, action):
        raise PermissionDenied("您没有修改侧边栏设置的权限。")


def save_link(link, *, acting_user):
    _require(acting_user, "change" if link.pk else "add")
    try:
        link.url = clean_link(link.url, "链接地址", required=True)
    except ValidationError as exc:
        raise ValidationError({"url": exc.messages})
    with transaction.atomic():
        link._history_user = account(acting_user)
        link.save()
    return link


def delete_link(link, *, acting_user):
    _require(acting_user, "delete")
    with transaction.atomic():
        link._history_user = account(acting_user)
        link.delete()


def move_link(link, direction, *, acting_user):
    """上移 = "up", 下移 = "down" in the list's order (排序, then id); False at either end."""
    _require(acting_user, "change")
    return ordering.move(SidebarLink.objects.all(), link, direction, acting_user=acting_user)
