"""上移 / 下移 buttons: the posted direction checked, the move made, and what happened said to the admin."""

from django.contrib import messages


def move_from_post(request, obj, move):
    """Read `direction` (up|down) from the POST and call `move(obj, direction)` (True when it moved)."""
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, "请选择上移或下移。")
    elif not move(obj, direction):
        messages.info(request, f"“{obj}”已在{'最前' if direction == 'up' else '最后'}。")
    else:
        messages.success(request, f"已{'上移' if direction == 'up' else '下移'}“{obj}”。")
