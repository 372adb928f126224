import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import AccountAppeal


class AccountAppealFilterSet(BaseFilterSet):
    search_fields = ("unit_name", "credit_code", "contact_person", "phone", "email", "employer__name")
    status = django_filters.ChoiceFilter(label="处理状态", choices=AccountAppeal.Status.choices)
    method = django_filters.ChoiceFilter(label="处理方式", choices=AccountAppeal.Method.choices)
    submitted_from = django_filters.DateFilter(label="申诉日期起", field_name="created_at", lookup_expr="date__gte",
                                               widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))
    submitted_to = django_filters.DateFilter(label="申诉日期止", field_name="created_at", lookup_expr="date__lte",
                                             widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = AccountAppeal
        fields = ["q", "status", "method", "submitted_from", "submitted_to"]
