import django_filters
from django.db.models import Q
from django.forms import ChoiceField, ModelChoiceField, NullBooleanSelect, Select, SelectMultiple

from . import typeahead, widgets
from .forms import FastSelect
from .scoping import declares_scope, scope_filter


class BaseFilterSet(django_filters.FilterSet):
    """Adds the free-text `q` search and restricts every dropdown to the user's scope.

    Every model dropdown (ModelChoiceFilter / ModelMultipleChoiceFilter) is bounded: with more than
    `typeahead_limit` options it renders only the selected one(s) and a type-ahead search box
    (core.typeahead). `typeahead_filters = {"<filter name>": True | False}` forces either form."""

    q = django_filters.CharFilter(method="search", label="关键字")
    search_fields = ()
    typeahead_limit = typeahead.LIMIT
    typeahead_filters = {}

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        user = getattr(request, "user", None)
        for flt in self.filters.values():
            qs = getattr(flt, "queryset", None)
            if qs is not None and not callable(qs) and (user is not None or declares_scope(qs.model)):
                flt.queryset = scope_filter(qs, user)  # None is nobody: scoped dropdowns offer nothing
        for name, field in self.form.fields.items():
            if isinstance(field, ModelChoiceField):  # also ModelMultipleChoiceField
                typeahead.install(self, name, field)
            if isinstance(field.widget, NullBooleanSelect):
                field.widget.choices = (("unknown", "全部"), ("true", "是"), ("false", "否"))
            elif hasattr(field, "empty_label"):
                field.empty_label = "全部"
            elif isinstance(field, ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", "全部"), *list(field.choices)[1:]]
            is_select = isinstance(field.widget, (Select, SelectMultiple))
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if is_select
                                          else "form-control form-control-sm")
            widgets.localise(name, field)
            if type(field.widget) is Select:  # the same HTML as Django's per-option templates, in Python
                fast = FastSelect(attrs=field.widget.attrs, choices=field.widget.choices)
                fast.is_required = field.widget.is_required
                field.widget = fast

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)
