"""Data scope: the one rule that decides which records an account may touch.

School admins (and the superuser) see everything; college admins and counselors see
only records linked to the majors they manage. Every student-linked model uses
`ScopedQuerySet` and declares `scope_major_lookup`, the ORM path from the model to
`org.Major`; `restrict(user, action)` combines that with the permission registry.
"""

from django.db import models


def sees_all_majors(user):
    return bool(user.is_authenticated and (user.is_superuser or user.is_school_admin))


def managed_major_ids(user):
    """A subquery of the major ids the user manages (never evaluated in Python)."""
    from careers.org.models import Major

    return Major.objects.filter(managers=user).values("pk")


def scope_filter(queryset, user):
    """Limit `queryset` to the user's managed majors (no permission check)."""
    model = queryset.model
    lookup = getattr(model, "scope_major_lookup", None)
    if lookup is None or sees_all_majors(user):
        return queryset
    if not (user.is_authenticated and user.is_backoffice):
        return queryset.none()
    in_scope = {f"{lookup}__in": managed_major_ids(user)}
    if getattr(model, "scope_spans_many", False):
        # A reverse/many path would duplicate rows; filter by primary key instead.
        return queryset.filter(pk__in=model._default_manager.filter(**in_scope).values("pk"))
    return queryset.filter(**in_scope)


def permission_code(model, action):
    return f"{model._meta.app_label}.{model._meta.model_name}.{action}"


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        """Only the rows `user` may `action`: permission first, then managed majors."""
        if user is None or not user.is_authenticated or not user.has_permission(permission_code(self.model, action)):
            return self.none()
        return scope_filter(self, user)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass
