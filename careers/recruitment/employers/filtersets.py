"""用人单位管理 filters (also used by its export): 状态, 关键字 (名称/信用代码), 性质, 行业, 地区, 注册日期."""

import django_filters
from django import forms

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet

from .models import Employer, EmployerStatus

DATE = forms.DateInput(attrs={"type": "date"})


class EmployerFilterSet(BaseFilterSet):
    search_fields = ("name", "credit_code", "contact_person", "phone")
    status = django_filters.ChoiceFilter(label="状态", choices=EmployerStatus.choices, method="filter_status")
    nature = django_filters.ModelChoiceFilter(label="单位性质", queryset=Code.objects.of("employer_nature")
                                              .order_by("sort", "code"))
    industry = django_filters.ModelChoiceFilter(label="单位行业", method="filter_industry",
                                                queryset=Code.objects.of("industry").filter(level=1)
                                                .order_by("sort", "code"))
    province = django_filters.ChoiceFilter(label="所在省份", method="filter_province", choices=())
    registered_from = django_filters.DateFilter(label="注册日期起", field_name="created_at", lookup_expr="date__gte",
                                                widget=DATE)
    registered_to = django_filters.DateFilter(label="注册日期止", field_name="created_at", lookup_expr="date__lte",
                                              widget=DATE)
    has_licence = django_filters.ChoiceFilter(label="营业执照", method="filter_licence",
                                              choices=(("yes", "已上传"), ("no", "未上传")))
    active = django_filters.ChoiceFilter(label="账号", method="filter_active", choices=(("yes", "启用"), ("no", "停用")))

    class Meta:
        model = Employer
        fields = ["q", "status", "nature", "industry", "province", "registered_from", "registered_to", "has_licence",
                  "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["placeholder"] = "单位名称或统一社会信用代码"
        self.form.fields["province"].choices = lambda: [("", "全部"), *(
            (code[:2], name) for code, name in Code.objects.of("region").filter(level=1)
            .order_by("sort", "code").values_list("code", "name"))]

    def is_valid(self):
        valid = super().is_valid()
        data = getattr(self.form, "cleaned_data", {})
        start, end = data.get("registered_from"), data.get("registered_to")
        if start and end and start > end:
            self.form.add_error("registered_to", "注册日期止不能早于注册日期起。")
        return valid and not self.form.errors

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)

    def filter_industry(self, queryset, name, value):
        """A 门类 matches the units in it or in any of its 大类."""
        return queryset.filter(industry__in=Code.objects.filter(pk=value.pk) | Code.objects.filter(parent=value))

    def filter_province(self, queryset, name, value):
        return queryset.filter(region__code__startswith=value)  # GB/T 2260: two digits = province

    def filter_licence(self, queryset, name, value):
        return queryset.exclude(licence="") if value == "yes" else queryset.filter(licence="")

    def filter_active(self, queryset, name, value):
        return queryset.filter(user__is_active=value == "yes")
