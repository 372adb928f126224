"""Type-ahead for large code lists in filters and forms (5,000 专业, 3,500 生源地, 3,000 入驻单位 …).

`BaseFilterSet` gives every ModelChoiceFilter / ModelMultipleChoiceFilter a `TypeaheadSelect`
(or `TypeaheadSelectMultiple`), and `BootstrapMixin` (BaseForm, BaseModelForm) every form
ModelChoiceField / ModelMultipleChoiceField shown as a plain dropdown. At render time the widget
loads at most `LIMIT + 1` rows of the field's (already scoped) queryset — the one query an
ordinary dropdown makes anyway:

- up to `LIMIT` rows: an ordinary <select> with every option;
- more: a hidden <select> holding only the selected option(s) (so the value and its label survive
  a submit or reload, even without JavaScript) plus a search box, and for a multiple choice the
  chosen items as removable chips; careers.js asks the options endpoint (core.typeahead_views)
  for the rows matching what is typed and puts the chosen one into the <select>.

The endpoints are generic. The widget signs (filterset or form class, field name, account, the
permissions the page's view required) with django.core.signing; the endpoint re-checks those
permissions, rebuilds that filterset or form for the requesting account and searches the field's
own queryset — the same scoped rows the dropdown would offer, never an arbitrary model. A form
token also signs what the form needs to be rebuilt (`typeahead_context()`, read back by
`from_typeahead()`) and a fingerprint of the page's queryset: the endpoint refuses to search a
rebuilt queryset that is not the page's (say, a form narrowed by a constructor argument it forgot
to declare). A token only works for the account it was issued to. Validation on submit is the
field's own: a value outside the queryset is refused with its usual message.
"""

import datetime
import hashlib
import html
import inspect
from functools import reduce
from operator import and_, or_

from django import forms
from django.core import signing
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .request_context import current_actor

LIMIT = 200  # more options than this and a dropdown becomes a type-ahead
RESULTS = 20  # options per type-ahead answer
SALT = "careers.core.typeahead"  # filter tokens
FORM_SALT = "careers.core.typeahead.form"  # form tokens: one kind cannot be replayed as the other
MAX_AGE = 24 * 3600  # a page left open for a day still works
QUERY_MAX = 50
# Model fields searched when the model does not declare `typeahead_fields`, in this order.
SEARCH_FIELD_NAMES = ("name", "title", "short_name", "code", "specialization", "major_code", "credit_code",
                      "student_number", "username")


def class_path(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def page_permissions():
    """The permission codes the current request's view required: the endpoint re-checks them."""
    return list(current_actor().required)


def sign(filterset_class, name, user):
    """The token naming one filter of one filterset for one account."""
    return signing.dumps({"f": class_path(filterset_class), "n": name, "u": getattr(user, "pk", None),
                          "p": page_permissions()}, salt=SALT, compress=True)


def sign_form(form, name, user):
    """The token naming one field of one form for one account, with what rebuilds the form's queryset."""
    return signing.dumps({"f": class_path(type(form)), "n": name, "u": getattr(user, "pk", None),
                          "p": page_permissions(), "s": getattr(form, "user", None) is not None,
                          "c": form.typeahead_context(), "h": fingerprint(form.fields[name].queryset)},
                         salt=FORM_SALT, compress=True)


def fingerprint(queryset):
    """A digest of the queryset's SQL and parameters: equal for the page's and the endpoint's rebuilt
    queryset. Dates and times are left out (a "still open" filter on now() is no scope)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        sql, params = "none", ()
    params = [type(p).__name__ if isinstance(p, (datetime.date, datetime.time)) else p for p in params]
    return hashlib.sha256(repr((queryset.model._meta.label, sql, params)).encode()).hexdigest()[:24]


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


def search(queryset, text, fields=None):
    """Rows whose searchable text fields (`fields`, else the model's) contain every word of `text` (each word
    in some field)."""
    words = text.split()[:5]
    fields = fields or search_fields(queryset.model)
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
    token = None  # callable returning the signed token, set by install() / install_form()
    endpoint = "core:filter_options"  # the URL name answering the token
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
        if self.token is None or self.typeahead is False or queryset.query.is_empty():
            rows, large = list(queryset), False  # no endpoint for it, or nothing to offer: an ordinary dropdown
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
        return self.render_typeahead(name, final, body, [(k, label) for k, label in options
                                                         if str(k) in selected and str(k) != ""])

    def render_typeahead(self, name, final, body, chosen):
        """The hidden <select>, the chosen items (multiple) and the search box that the <label> names."""
        multiple = self.allow_multiple_selected
        field_id = final.get("id", f"id_{name}")
        box_id = f"{field_id}-typeahead"
        final["id"] = f"{field_id}-value"
        input_attrs = {"id": field_id}
        for key in ("required", "aria-describedby", "aria-invalid"):  # they belong to the visible box
            if key in final:
                input_attrs[key] = final.pop(key)
        if final.get("disabled"):
            input_attrs["disabled"] = True
        if input_attrs.get("required") and multiple:
            input_attrs["data-required"] = True  # careers.js: required again once every chip is removed
            if chosen:
                del input_attrs["required"]  # the chips already answer it
        if self.endpoint == "core:filter_options":
            input_attrs["aria-label"] = "查找选项"  # filter bars may show no <label>
        select = format_html('<select name="{}"{} tabindex="-1" aria-hidden="true">{}</select>', name,
                             flatatt(final), body)
        css = final.get("class", "")
        input_class = "form-control form-control-sm" if "-sm" in css else "form-control"
        chips = ""
        if multiple:
            chips = format_html(
                '<ul class="typeahead-chosen list-unstyled d-flex flex-wrap gap-1 mb-1" aria-label="已选" '
                'aria-live="polite">{}</ul>',
                format_html_join("", '<li class="typeahead-chip badge text-bg-light border"><span>{}</span>'
                                     '<button type="button" class="btn-close btn-close-sm ms-1" data-typeahead-remove="{}"'
                                     ' aria-label="移除“{}”"></button></li>',
                                 ((label, key, label) for key, label in chosen)))
        return format_html(
            '<div class="typeahead" data-typeahead="{}"{}>{}{}'
            '<input type="search"{} class="{} typeahead-input" data-typeahead-input autocomplete="off" role="combobox" '
            'aria-autocomplete="list" aria-expanded="false" aria-controls="{}" '
            'placeholder="{}" value="{}">'
            '<div class="dropdown-menu typeahead-menu" id="{}" role="listbox"></div></div>',
            reverse(self.endpoint) + "?t=" + self.token(),
            " data-typeahead-multiple" if multiple else "",
            select, chips, flatatt(input_attrs), input_class, box_id,
            self.placeholder(), "" if multiple else "、".join(str(label) for _, label in chosen), box_id)

    def placeholder(self):
        if self.allow_multiple_selected:
            return "输入名称查找，可继续添加"
        return "全部（输入名称查找）" if self.endpoint == "core:filter_options" else "输入名称查找"


class TypeaheadSelect(TypeaheadMixin, forms.Select):
    pass


class TypeaheadSelectMultiple(TypeaheadMixin, forms.SelectMultiple):
    pass


def _swap(field, attrs=None):
    """Give `field` a bounded type-ahead widget with the old widget's attributes."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget = (TypeaheadSelectMultiple if multiple else TypeaheadSelect)(attrs=field.widget.attrs if attrs is None
                                                                        else attrs)
    widget.is_required = field.widget.is_required
    widget.choices = field.choices  # the field's ModelChoiceIterator: it follows later changes to the field
    field.widget = widget
    return widget


def install(filterset, name, field):
    """Swap the field's dropdown for a bounded type-ahead one (called by BaseFilterSet)."""
    widget_class = TypeaheadSelectMultiple if isinstance(field, forms.ModelMultipleChoiceField) else TypeaheadSelect
    if isinstance(field.widget, widget_class):
        return
    widget = _swap(field)
    widget.typeahead = getattr(filterset, "typeahead_filters", {}).get(name)
    widget.limit = getattr(filterset, "typeahead_limit", LIMIT)
    user = getattr(getattr(filterset, "request", None), "user", None)
    cls = type(filterset)
    if user is not None and getattr(user, "is_authenticated", False) and rebuildable(cls):
        widget.token = lambda: sign(cls, name, user)


def install_form(form, name, field):
    """Swap a form's model dropdown (a plain Select / SelectMultiple) for a bounded type-ahead one (called by
    BootstrapMixin). The token is signed at render time, for the request's account (else the form's user)."""
    if not isinstance(field, forms.ModelChoiceField) or type(field.widget) not in (forms.Select, forms.SelectMultiple):
        return
    forced = form.typeahead_fields.get(name)
    if forced is False:
        return
    widget = _swap(field)
    widget.endpoint = "core:form_options"
    widget.typeahead = forced
    widget.limit = form.typeahead_limit
    user = current_actor().user or getattr(form, "user", None)  # who uses the page (a form may be about another)
    if user is not None and getattr(user, "is_authenticated", False) and form_rebuildable(type(form)):
        widget.token = lambda: sign_form(form, name, user)
    # else no endpoint could answer for it: an ordinary dropdown with every option


def form_rebuildable(form_class):
    """Whether the endpoint can build the form: its own from_typeahead(), or a constructor without required
    keyword arguments."""
    own = any("from_typeahead" in vars(k) for k in form_class.__mro__ if k.__module__ != "careers.core.forms")
    return own or rebuildable(form_class)


def rebuildable(form_or_filterset_class):
    """Whether the endpoint can build this class from a request alone (no required extra arguments)."""
    try:
        signature = inspect.signature(form_or_filterset_class.__init__)
    except (TypeError, ValueError):
        return False
    return not any(p.kind is p.KEYWORD_ONLY and p.default is p.empty and p.name != "request"
                   for p in signature.parameters.values())
