"""功能时间设置: school admins open and close each year's reporting windows; every change is audited."""

from django.db import transaction

from careers.core.review import ReviewActions
from careers.core.scoping import account, require_school

PERMISSION = "employment.reportingwindow.change"


@transaction.atomic
def save_window(form, *, acting_user):
    """功能时间设置: add or edit one year's window (the form checked closes > opens); audited."""
    require_school(acting_user, PERMISSION)
    window = form.save(commit=False)
    ReviewActions.save(window, acting_user, "功能时间设置")
    return window


@transaction.atomic
def delete_window(window, *, acting_user):
    """Remove a window: that year's students may report at any time again."""
    require_school(acting_user, PERMISSION)
    window._history_user = account(acting_user)
    window.delete()
