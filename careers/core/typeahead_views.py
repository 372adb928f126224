"""The type-ahead endpoints (core.typeahead): GET ?t=<token>&q=<text> → the field's options matching `q`.

JSON {"results": [{"id", "text"}], "more": bool}. 400 for a bad or expired token, 403 when the token
was issued to another account or the account has since lost a permission the page required."""

from django import forms
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.http import JsonResponse, QueryDict
from django.utils.module_loading import import_string
from django.views import View

from . import typeahead


class Refused(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


INVALID = "无效的查找请求。"


class OptionsView(View):
    salt = None

    def get(self, request):
        user = request.user
        if not user.is_authenticated:
            return JsonResponse({"error": "请先登录。"}, status=403)
        try:
            field = self.field(self.claim(request), request)
        except Refused as exc:
            return JsonResponse({"error": exc.message}, status=exc.status)
        text = request.GET.get("q", "").strip()[:typeahead.QUERY_MAX]
        rows = list(typeahead.search(field.queryset, text)[:typeahead.RESULTS + 1])
        results = [{"id": str(field.prepare_value(obj)), "text": str(field.label_from_instance(obj))}
                   for obj in rows[:typeahead.RESULTS]]
        return JsonResponse({"results": results, "more": len(rows) > typeahead.RESULTS})

    def claim(self, request):
        """The token's claim, for this account, whose signed permissions it still holds."""
        try:
            claim = signing.loads(request.GET.get("t", ""), salt=self.salt, max_age=typeahead.MAX_AGE)
            cls = import_string(claim["f"])
            if not isinstance(claim["n"], str):
                raise TypeError
        except signing.SignatureExpired:
            raise Refused("页面已过期，请刷新后再查找。") from None
        except (signing.BadSignature, ImportError, KeyError, TypeError, ValueError):
            raise Refused(INVALID) from None
        if claim.get("u") != request.user.pk:
            raise Refused("无权使用该查找。", 403)
        if not all(request.user.has_permission(code) for code in claim.get("p") or ()):
            raise Refused("您没有此操作的权限，请联系学校管理员分配。", 403)
        claim["cls"] = cls
        return claim

    def field(self, claim, request):
        raise NotImplementedError


class FilterOptionsView(OptionsView):
    """A filter's options: the filterset rebuilt for the requesting account."""

    salt = typeahead.SALT

    def field(self, claim, request):
        from .filtersets import BaseFilterSet

        cls = claim["cls"]
        if not (isinstance(cls, type) and issubclass(cls, BaseFilterSet)):
            raise Refused(INVALID)
        field = cls(QueryDict(), request=request).form.fields.get(claim["n"])
        if not isinstance(field, forms.ModelChoiceField):
            raise Refused(INVALID)
        return field


class FormOptionsView(OptionsView):
    """A form field's options: the form rebuilt for the requesting account (`from_typeahead`), searched only
    when its queryset is the one the page offered (the signed fingerprint)."""

    salt = typeahead.FORM_SALT

    def field(self, claim, request):
        from .forms import BootstrapMixin

        cls = claim["cls"]
        if not (isinstance(cls, type) and issubclass(cls, BootstrapMixin) and issubclass(cls, forms.BaseForm)):
            raise Refused(INVALID)
        try:
            form = cls.from_typeahead(request.user if claim.get("s") else None, dict(claim.get("c") or {}))
        except (TypeError, ValueError, LookupError, ObjectDoesNotExist):  # the context no longer names a row
            raise Refused(INVALID) from None
        field = form.fields.get(claim["n"])
        if not isinstance(field, forms.ModelChoiceField):
            raise Refused(INVALID)
        if typeahead.fingerprint(field.queryset) != claim.get("h"):
            raise Refused("选项已变化，请刷新页面后再查找。")
        return field
