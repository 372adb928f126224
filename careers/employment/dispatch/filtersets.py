"""Filters of the 派遣信息 list (also used by its export) and of the 主管单位库."""

import django_filters
from django import forms

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet
from careers.core.review import ReviewStatus
from careers.org.models import College, Major
from careers.students.records.filtersets import batch_filter, check_batch, name_or_number

from .models import DispatchRecord, SupervisingAuthority

DATE = forms.DateInput(attrs={"type": "date"})


class DispatchFilterSet(BaseFilterSet):
    """派遣信息查询: 学号/姓名, 批量查询列表, 学院, 专业, 学历, 毕业年份, 审核状态, 派遣类别, 审核时间."""

    student__graduation_year = django_filters.NumberFilter(label="毕业年份")
    college = django_filters.ModelChoiceFilter(label="学院", field_name="student__major__college",
                                               queryset=College.objects.order_by("sort", "name"))
    major = django_filters.ModelChoiceFilter(label="专业", field_name="student__major",
                                             queryset=Major.objects.select_related("education_level")
                                             .order_by("college__sort", "sort", "name"))
    education_level = django_filters.ModelChoiceFilter(
        label="学历", field_name="student__major__education_level",
        queryset=Code.objects.of("education_level").order_by("sort", "code"))
    review_status = django_filters.ChoiceFilter(label="审核状态", choices=ReviewStatus.choices)
    kind = django_filters.ChoiceFilter(label="派遣类别", choices=DispatchRecord.Kind.choices)
    reviewed_from = django_filters.DateFilter(label="审核时间起", field_name="reviewed_at", lookup_expr="date__gte",
                                              widget=DATE)
    reviewed_to = django_filters.DateFilter(label="审核时间止", field_name="reviewed_at", lookup_expr="date__lte",
                                            widget=DATE)
    receiving_unit = django_filters.CharFilter(label="签往单位", lookup_expr="contains")
    other = django_filters.ChoiceFilter(label="其他搜索条件", method="filter_other", empty_label="仅在读学生",
                                        choices=(("all", "全部学生（含非在读）"), ("inactive", "仅非在读学生")))
    batch = django_filters.CharFilter(label="批量查询列表", method="filter_batch", widget=forms.HiddenInput)

    class Meta:
        model = DispatchRecord
        fields = ["q", "student__graduation_year", "college", "major", "education_level", "review_status", "kind",
                  "reviewed_from", "reviewed_to", "receiving_unit", "other", "batch"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["major"].label_from_instance = lambda major: f"{major} · {major.education_level.name}"
        self.form.fields["q"].widget.attrs["placeholder"] = "学号或姓名"

    def is_valid(self):
        valid = super().is_valid()
        check_batch(self)
        reviewed_from, reviewed_to = (self.form.cleaned_data.get(k) for k in ("reviewed_from", "reviewed_to")) \
            if hasattr(self.form, "cleaned_data") else (None, None)
        if reviewed_from and reviewed_to and reviewed_from > reviewed_to:
            self.form.add_error("reviewed_to", "审核时间止不能早于审核时间起。")
        return valid and not self.form.errors

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # Like the student list: only 在读 students unless asked otherwise.
        if not self.form.cleaned_data.get("other"):
            queryset = queryset.filter(student__is_active=True)
        return queryset

    def search(self, queryset, name, value):
        """关键字: digits search the 学号, text the 姓名 or 学号."""
        return name_or_number(queryset, value, prefix="student__")

    def filter_other(self, queryset, name, value):
        return queryset.filter(student__is_active=False) if value == "inactive" else queryset

    def filter_batch(self, queryset, name, value):
        return batch_filter(self.request, queryset, value, prefix="student__")


class SupervisingAuthorityFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "address")
    province = django_filters.ChoiceFilter(label="所在省份", method="filter_province", choices=())
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = SupervisingAuthority
        fields = ["q", "province", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["province"].choices = lambda: [("", "全部"), *(
            (code[:2], name) for code, name in Code.objects.of("region").filter(level=1)
            .order_by("sort", "code").values_list("code", "name"))]

    def filter_province(self, queryset, name, value):
        # GB/T 2260: the first two digits are the province
        return queryset.filter(region__code__startswith=value)


