"""Who may use the employer portal (/company/): a logged-in employer account with its Employer row.

`employer_required` (function views) and `EmployerRequiredMixin` (class views) set `request.employer`.
`own_objects` / `own_object` are the unit's own rows (its talks, jobs, received applications, fair
applications): anyone else's is a 404, so a unit cannot even learn that another unit's object exists.
`admitted_required` also insists the unit is 已入驻 (talks, fairs, résumé search); posting jobs and
editing the profile are allowed before admission (manual 4.3: 注册后即可发布职位信息).
Back-office access to recruitment data goes through the permission registry as everywhere else.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

NOT_EMPLOYER = "此页面仅供用人单位使用，请使用单位账号登录。"
NOT_ADMITTED = "贵单位尚未通过学校审核入驻，审核通过后才能使用此功能。"


def _employer_of(request):
    user = request.user
    if not user.is_authenticated:
        return None
    if user.kind != user.Kind.EMPLOYER or not hasattr(user, "employer"):
        raise PermissionDenied(NOT_EMPLOYER)
    return user.employer


def employer_required(view=None, *, admitted=False):
    def decorate(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            employer = _employer_of(request)
            if employer is None:
                return redirect_to_login(request.get_full_path())
            if admitted and not employer.is_admitted:
                raise PermissionDenied(NOT_ADMITTED)
            request.employer = employer
            return func(request, *args, **kwargs)
        return wrapper
    return decorate(view) if view is not None else decorate


def admitted_required(view):
    return employer_required(view, admitted=True)


def own_objects(request, queryset, field="employer"):
    """The rows of `queryset` that belong to the signed-in unit (`request.employer`, set by the decorators)."""
    return queryset.filter(**{field: request.employer})


def own_object(request, queryset, field="employer", **lookup):
    """The signed-in unit's object of `queryset` matching `lookup` (e.g. `pk=pk`); else a 404."""
    return get_object_or_404(own_objects(request, queryset, field), **lookup)


class EmployerRequiredMixin:
    require_admitted = False

    def dispatch(self, request, *args, **kwargs):
        return employer_required(super().dispatch, admitted=self.require_admitted)(request, *args, **kwargs)
