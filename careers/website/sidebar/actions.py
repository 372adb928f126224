"""侧边栏设置 writes: save (the link rule), delete, 上移/下移. Saves are logged by the model's history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

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


@transaction.atomic
def move_link(link, direction, *, acting_user):
    """Swap `link` with its neighbour in the list's order (排序, then id): 上移 = "up", 下移 = "down".
    Numbers are renumbered 10, 20, … where needed so equal 排序 values still move; each changed row is saved
    (and so logged). Returns False at either end."""
    _require(acting_user, "change")
    rows = list(SidebarLink.objects.select_for_update().order_by("ordering", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == link.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows):
        return False
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, start=1):
        if row.ordering != position * 10:
            row.ordering = position * 10
            row._history_user = account(acting_user)
            row.save(update_fields=["ordering", "updated_at"])
    return True
