"""Account actions. Views, commands and tasks all change accounts through these."""

from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.org.models import Major

from .models import User

DEFAULT_PASSWORD_SUFFIX = "123456"


def default_admin_password(username):
    """The manual's initial password: account + "123456" (must be changed at first login)."""
    return f"{username}{DEFAULT_PASSWORD_SUFFIX}"


@transaction.atomic
def create_admin_account(*, username, name, kind, acting_user=None, **fields):
    if kind not in User.BACKOFFICE_KINDS:
        raise ValueError("管理员账号类型无效")
    user = User(username=username.strip(), name=name, kind=kind, must_change_password=True, **fields)
    user.set_password(default_admin_password(user.username))
    user.save()
    return user


def reset_to_default_password(user, *, acting_user):
    user.set_password(default_admin_password(user.username))
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    log_event("update", module="accounts", obj=user, user=acting_user, message="重置为默认密码")


def change_password(user, new_password):
    user.set_password(new_password)
    user.must_change_password = False
    user.initial_credential = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "initial_credential", "password_changed_at"])


@transaction.atomic
def set_account_permissions(account, codes, *, acting_user):
    before = set(account.permissions)
    account.set_permissions(codes)
    after = set(account.permissions)
    if before != after:
        account.save(update_fields=["permissions"])
    return after - before, before - after


@transaction.atomic
def change_managed_majors(account, *, add=(), remove=(), acting_user):
    """The manual's +/– list. Only majors the acting user may see can be handed out."""
    from careers.core.scoping import scope_filter

    visible = scope_filter(Major.objects.all(), acting_user)
    add_ids = list(visible.filter(pk__in=add).values_list("pk", flat=True))
    remove_ids = list(visible.filter(pk__in=remove).values_list("pk", flat=True))
    if add_ids:
        account.managed_majors.add(*add_ids)
    if remove_ids:
        account.managed_majors.remove(*remove_ids)
    if add_ids or remove_ids:
        log_event("update", module="accounts", obj=account, user=acting_user, message="调整管辖专业",
                  changes={"managed_majors": [f"-{len(remove_ids)}", f"+{len(add_ids)}"]})
    return add_ids, remove_ids
