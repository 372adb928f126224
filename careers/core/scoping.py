"""Data scope: the one rule that decides which records an account may touch.

School admins (and the superuser) see everything; college admins and counselors see
only records linked to the majors they manage. Scoping denies by default:

- every model with a foreign-key path to the scope root (`org.Major`, and so to a student)
  declares either `scope_major_lookup`, the ORM path from the model to `org.Major`, with a
  `ScopedQuerySet` as its default manager's queryset, or `scope_unscoped = "<reason>"`, an
  explicit, reviewed statement that it is unscoped on purpose. The system check in
  `core.checks` fails `manage.py check` when a model does neither.
- views call the queryset's own `restrict(user, action)`, so a model's override is never
  bypassed. `user=None` is never trusted: it sees nothing. Trusted system code (tasks,
  management commands, demo builders) passes `SYSTEM` and so says so explicitly.
"""

from django.apps import apps
from django.conf import settings
from django.db import models

# The unit of an admin's data scope (管辖专业), named by the project's settings so that core names no domain
# model; its `managers` relation lists the accounts that manage each row.
SCOPE_ROOT = settings.SCOPE_ROOT_MODEL


class SystemActor:
    """Trusted system code acting without an account: sees every row, on purpose.

    Pass `SYSTEM` where an action or query takes an acting user; `None` means "nobody"."""

    is_authenticated = False
    is_backoffice = False
    is_system = True
    pk = None

    def __repr__(self):
        return "SYSTEM"

    def __str__(self):
        return "系统"  # how the operation log names it

    def __bool__(self):
        return True


SYSTEM = SystemActor()


def is_system(user):
    return user is SYSTEM


def account(user):
    """The account to record as the actor (history user, 审核人 …): None for `SYSTEM`."""
    return None if user is SYSTEM else user


def sees_all_majors(user):
    """School-wide scope: the superuser, school admins and explicit `SYSTEM` code; never `None`."""
    if user is SYSTEM:
        return True
    return bool(user is not None and user.is_authenticated and (user.is_superuser or user.is_school_admin))


def require_school(user, code, message="只有学校管理员可以修改该设置。"):
    """School-wide settings shared by every college (主管单位库, 功能时间设置 …): school admins holding `code` only."""
    from django.core.exceptions import PermissionDenied

    if not (is_system(user) or sees_all_majors(user) and user.has_permission(code)):
        raise PermissionDenied(message)


def managed_major_ids(user):
    """A subquery of the major ids the user manages (never evaluated in Python)."""
    major = apps.get_model(SCOPE_ROOT)
    if user is None or not getattr(user, "is_authenticated", False):
        return major.objects.none().values("pk")
    return major.objects.filter(managers=user).values("pk")


def managed_major_id_list(user):
    """The managed majors' ids, read now (one query), for SQL that names them as constants: PostgreSQL then
    estimates the rows in scope from its statistics, where a subquery of managed majors is guessed at one
    row (and, e.g., drives a fair list's scoped counts by 250,000 index probes). `scope_filter` semantics:
    only for a back-office account that does not see all majors."""
    return list(managed_major_ids(user).values_list("pk", flat=True))


def scope_filter(queryset, user):
    """Limit `queryset` to the user's managed majors (no permission check). `None` sees nothing."""
    model = queryset.model
    lookup = getattr(model, "scope_major_lookup", None)
    if sees_all_majors(user):
        return queryset
    if user is None:
        return queryset.none()
    if lookup is None:
        return queryset
    if not (user.is_authenticated and user.is_backoffice):
        return queryset.none()
    in_scope = {f"{lookup}__in": managed_major_ids(user)}
    if getattr(model, "scope_spans_many", False):
        # A reverse/many path would duplicate rows; filter by primary key instead.
        return queryset.filter(pk__in=model._default_manager.filter(**in_scope).values("pk"))
    return queryset.filter(**in_scope)


def declares_scope(model):
    """Whether rows of `model` are limited to managed majors (it declares `scope_major_lookup`)."""
    return bool(getattr(model, "scope_major_lookup", None))


def permission_code(model, action):
    return f"{model._meta.app_label}.{model._meta.model_name}.{action}"


def may(user, model, action):
    """Whether `user` holds the permission for `action` on `model` (`SYSTEM` always does)."""
    if user is SYSTEM:
        return True
    return bool(user is not None and user.is_authenticated and user.has_permission(permission_code(model, action)))


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        """Only the rows `user` may `action`: permission first, then managed majors."""
        if not may(user, self.model, action):
            return self.none()
        return scope_filter(self, user)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


def restricted(queryset, user, action="view"):
    """`queryset.restrict(user, action)`, refusing a queryset that has no restrict() of its own."""
    restrict = getattr(queryset, "restrict", None)
    if restrict is None:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{queryset.model.__name__} 的查询集没有 restrict()：请使用 ScopedQuerySet。")
    return restrict(user, action)
