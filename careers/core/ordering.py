"""上移 / 下移 in lists ordered by a number (侧边栏, 轮播图片, 资讯附件, 微信自定义菜单 …): one rule for every such list."""

from django.db import transaction

from .scoping import account


def move(rows_queryset, obj, direction, *, acting_user, field="ordering"):
    """Swap `obj` with its neighbour among `rows_queryset` (ordered by `field`, then id): "up" or "down".
    The rows are locked and renumbered 10, 20, … where needed, so equal numbers still move; each changed row is
    saved (and so in its history and the operation log). False when `obj` is already at that end."""
    with transaction.atomic():
        rows = list(rows_queryset.select_for_update().order_by(field, "pk"))
        index = next(i for i, row in enumerate(rows) if row.pk == obj.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(rows):
            return False
        rows[index], rows[other] = rows[other], rows[index]
        for position, row in enumerate(rows, start=1):
            if getattr(row, field) != position * 10:
                setattr(row, field, position * 10)
                row._history_user = account(acting_user)
                row.save(update_fields=[field, "updated_at"])
    return True
