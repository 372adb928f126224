"""Type-ahead for large code lists in filter forms (5,000 专业, 3,500 生源地, 50,000 单位 …).

`BaseFilterSet` gives every ModelChoiceFilter / ModelMultipleChoiceFilter a `TypeaheadSelect`
(or `TypeaheadSelectMultiple`). At render time the widget loads at most `LIMIT + 1` rows of the
field's (already scoped) queryset — the one query an ordinary dropdown makes anyway:

- up to `LIMIT` rows: an ordinary <select> with every option;
- more: a <select> holding only the selected option(s) (so the value and its label survive a
  reload) plus a search box; careers.js asks `FilterOptionsView` for the options matching what
  is typed and puts the chosen one into the <select>.

The endpoint is generic: the widget signs (filterset class, filter name, user) with
django.core.signing, and the endpoint rebuilds that filterset for the requesting user and
searches the form field's own queryset — the same scoped rows the dropdown would offer, never an
arbitrary model. A token only works for the account it was issued to.
"""

import html
from functools import reduce
from operator import and_, or_

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.forms.utils import flatatt
from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.module_loading import import_string
from django.views import View

LIMIT = 200  # more options than this and a dropdown becomes a type-ahead
RESULTS = 20  # options per type-ahead answer
SALT = "careers.core.typeahead"
MAX_AGE = 24 * 3600  # a page left open for a day still works
QUERY_MAX = 50
# Model fields searched when the model does not declare `typeahead_fields`, in this order.
SEARCH_FIELD_NAMES = ("name", "title", "short_name", "code", "specialization", "major_code", "credit_code",
                      "student_number", "username")


def sign(filterset_class, name, user):
    """The token naming one filter of one filterset for one account."""
    path = f"{filterset_class.__module__}.{filterset_class.__qualname__}"
    return signing.dumps({"f": path, "n": name, "u": getattr(user, "pk", None)}, salt=SALT, compress=True)


def search_fields(model):
    declared = getattr(model, "typeahead_fields", None)
    if declared:
        return tuple(declared)
    names = []
    for name in SEARCH_FIELD_NAMES:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            names.append(name)
    return tuple(names)


def search(queryset, text):
    """Rows whose searchable text fields contain every word of `text` (each word in some field)."""
    words = text.split()[:5]
    fields = search_fields(queryset.model)
    if not words:
        return queryset
    if not fields:
        return queryset.none()
    return queryset.filter(reduce(and_, (reduce(or_, (models.Q(**{f"{f}__icontains": w}) for f in fields))
                                         for w in words)))


def options_html(options, selected):
    """<option> elements, escaped with html.escape (what Django's escape() does) minus the lazy-string
    wrappers of format_html, which cost more than the query for a few hundred options."""
    return SafeString("".join(
        f'<option value="{escape_text(key)}"{" selected" if str(key) in selected else ""}>{escape_text(label)}</option>'
        for key, label in options))


def escape_text(value):
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def rows_if_few(queryset, limit):
    """Every row of `queryset` when it has at most `limit`, else none — in one query, building no
    objects for a large list: the rows are filtered by an uncorrelated `(SELECT COUNT(*) FROM
    (<pks> LIMIT limit + 1)) <= limit`, which the database evaluates once."""
    query = queryset.query
    if query.is_sliced or query.combinator:  # cannot be filtered further: already bounded by its author
        return list(queryset)
    head = queryset.order_by().values("pk")[:limit + 1]
    sql, params = head.query.get_compiler(using=queryset.db).as_sql()
    few = RawSQL(f"(SELECT COUNT(*) FROM ({sql}) typeahead_head) <= %s", (*params, limit), output_field=BooleanField())
    return list(queryset.filter(few))


class TypeaheadMixin:
    """A Select whose options are bounded: the first LIMIT rows, else only the selected ones."""

    limit = LIMIT
    token = None  # callable returning the signed token, set by BaseFilterSet
    typeahead = None  # True / False forces the choice; None decides by the number of rows

    def _field(self):
        field = getattr(self.choices, "field", None)
        return field if isinstance(getattr(field, "queryset", None), models.QuerySet) else None

    def _head_options(self, field):
        """Empty and null choices of the field (they come before the rows)."""
        head = []
        if getattr(field, "empty_label", None) is not None and not self.allow_multiple_selected:
            head.append(("", field.empty_label))
        if getattr(field, "null_label", None) is not None:
            head.append((field.null_value, field.null_label))
        return head

    def bounded_options(self, value):
        """(options, large): every option when there are at most `limit`, else only the selected ones."""
        field = self._field()
        if field is None:  # not a model field (nothing to bound): the ordinary choices
            return [(k, v) for k, v in self.choices], False
        selected = {str(v) for v in self.format_value(value) if v not in (None, "")}
        queryset = field.queryset
        if self.token is None or self.typeahead is False:  # no endpoint for this form: an ordinary dropdown
            rows, large = list(queryset), False
        else:
            rows = [] if self.typeahead else rows_if_few(queryset, self.limit)
            large = not rows  # large, or empty (then the search box finds nothing either)
        options = self._head_options(field)
        if not large:
            return options + [(field.prepare_value(obj), field.label_from_instance(obj)) for obj in rows], False
        chosen = [obj for obj in rows if str(field.prepare_value(obj)) in selected]
        missing = selected - {str(field.prepare_value(obj)) for obj in chosen} - {str(k) for k, _ in options}
        if missing:
            key = field.to_field_name or "pk"
            try:
                chosen += list(queryset.filter(**{f"{key}__in": missing}))
            except (ValueError, TypeError, ValidationError):  # a value typed into the URL that is no key
                pass
        return options + [(field.prepare_value(obj), field.label_from_instance(obj)) for obj in chosen], True

    def render(self, name, value, attrs=None, renderer=None):
        options, large = self.bounded_options(value)
        selected = {str(v) for v in self.format_value(value)}
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        body = options_html(options, selected)
        if not large or self.token is None:
            return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), body)
        labels = [label for key, label in options if str(key) in selected and str(key) != ""]
        field_id = final.get("id", f"id_{name}")
        box_id = f"{field_id}-typeahead"
        input_id = ""
        if not self.allow_multiple_selected:  # the <label for> names the visible search box, not the hidden select
            final["id"], input_id = f"{field_id}-value", field_id
        select = format_html('<select name="{}"{}>{}</select>', name, flatatt(final), body)
        css = final.get("class", "")
        input_class = "form-control form-control-sm" if "-sm" in css else "form-control"
        return format_html(
            '<div class="typeahead" data-typeahead="{}"{}>{}'
            '<input type="search"{} class="{} typeahead-input" data-typeahead-input autocomplete="off" role="combobox" '
            'aria-autocomplete="list" aria-expanded="false" aria-controls="{}" aria-label="查找选项" '
            'placeholder="{}" value="{}">'
            '<div class="dropdown-menu typeahead-menu" id="{}" role="listbox"></div></div>',
            reverse("core:filter_options") + "?t=" + self.token(),
            " data-typeahead-multiple" if self.allow_multiple_selected else "",
            select, format_html(' id="{}"', input_id) if input_id else "", input_class, box_id,
            "输入名称查找，可继续添加" if self.allow_multiple_selected else "全部（输入名称查找）",
            "" if self.allow_multiple_selected else "、".join(str(label) for label in labels), box_id)


class TypeaheadSelect(TypeaheadMixin, forms.Select):
    pass


class TypeaheadSelectMultiple(TypeaheadMixin, forms.SelectMultiple):
    pass


def install(filterset, name, field):
    """Swap the field's dropdown for a bounded type-ahead one (called by BaseFilterSet)."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget_class = TypeaheadSelectMultiple if multiple else TypeaheadSelect
    if isinstance(field.widget, widget_class):
        return
    widget = widget_class(attrs=field.widget.attrs)
    widget.is_required = field.widget.is_required
    widget.choices = field.choices  # the field's ModelChoiceIterator: it follows later changes to the field
    widget.typeahead = getattr(filterset, "typeahead_filters", {}).get(name)
    widget.limit = getattr(filterset, "typeahead_limit", LIMIT)
    user = getattr(getattr(filterset, "request", None), "user", None)
    cls = type(filterset)
    if user is not None and getattr(user, "is_authenticated", False) and rebuildable(cls):
        widget.token = lambda: sign(cls, name, user)
    field.widget = widget


def rebuildable(filterset_class):
    """Whether the endpoint can build this filterset from a request alone (no required extra arguments)."""
    import inspect

    try:
        signature = inspect.signature(filterset_class.__init__)
    except (TypeError, ValueError):
        return False
    return not any(p.kind is p.KEYWORD_ONLY and p.default is p.empty and p.name != "request"
                   for p in signature.parameters.values())


class FilterOptionsView(View):
    """GET ?t=<token>&q=<text>: the filter's options matching `q`, for the account the token names.

    JSON {"results": [{"id", "text"}], "more": bool}. 400 for a bad or expired token, 403 when the
    token was issued to another account."""

    def get(self, request):
        from .filtersets import BaseFilterSet

        user = request.user
        if not user.is_authenticated:
            return JsonResponse({"error": "请先登录。"}, status=403)
        try:
            claim = signing.loads(request.GET.get("t", ""), salt=SALT, max_age=MAX_AGE)
            filterset_class = import_string(claim["f"])
            name = claim["n"]
        except signing.SignatureExpired:
            return JsonResponse({"error": "页面已过期，请刷新后再查找。"}, status=400)
        except (signing.BadSignature, ImportError, KeyError, TypeError, ValueError):
            return JsonResponse({"error": "无效的查找请求。"}, status=400)
        if claim.get("u") != user.pk:
            return JsonResponse({"error": "无权使用该查找。"}, status=403)
        if not (isinstance(filterset_class, type) and issubclass(filterset_class, BaseFilterSet)):
            return JsonResponse({"error": "无效的查找请求。"}, status=400)
        filterset = filterset_class(QueryDict(), request=request)
        field = filterset.form.fields.get(name)
        if not isinstance(field, forms.ModelChoiceField):
            return JsonResponse({"error": "无效的查找请求。"}, status=400)
        text = request.GET.get("q", "").strip()[:QUERY_MAX]
        rows = list(search(field.queryset, text)[:RESULTS + 1])
        results = [{"id": str(field.prepare_value(obj)), "text": str(field.label_from_instance(obj))}
                   for obj in rows[:RESULTS]]
        return JsonResponse({"results": results, "more": len(rows) > RESULTS})
