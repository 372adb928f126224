"""Filters of the 协议书管理 lists (also used by their exports)."""

import django_filters
from django import forms

from careers.core.filtersets import BaseFilterSet
from careers.org.models import College, Major

from .models import (AgreementApplication, AgreementNumber, ApplicationKind, ApplicationStatus, NumberSource, NumberStatus,
                     OnlineAgreement, SigningStatus)

DATE = forms.DateInput(attrs={"type": "date"})


class AgreementApplicationFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "number__number", "batch_label")
    student__graduation_year = django_filters.NumberFilter(label="毕业年份")
    college = django_filters.ModelChoiceFilter(label="学院", field_name="student__major__college",
                                               queryset=College.objects.order_by("sort", "name"))
    major = django_filters.ModelChoiceFilter(label="专业", field_name="student__major",
                                             queryset=Major.objects.order_by("college__sort", "sort", "name"))
    kind = django_filters.ChoiceFilter(label="申请类型", choices=ApplicationKind.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=ApplicationStatus.choices)
    batch_label = django_filters.CharFilter(label="识别号")
    submitted_from = django_filters.DateFilter(label="申请时间起", field_name="submitted_at", lookup_expr="date__gte",
                                               widget=DATE)
    submitted_to = django_filters.DateFilter(label="申请时间止", field_name="submitted_at", lookup_expr="date__lte",
                                             widget=DATE)

    class Meta:
        model = AgreementApplication
        fields = ["q", "student__graduation_year", "college", "major", "kind", "status", "batch_label",
                  "submitted_from", "submitted_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["placeholder"] = "学号、姓名或协议书编号"


class AgreementNumberFilterSet(BaseFilterSet):
    search_fields = ("number", "student__student_number", "student__name", "batch_label")
    college = django_filters.ModelChoiceFilter(label="学院", field_name="student__major__college",
                                               queryset=College.objects.order_by("sort", "name"))
    status = django_filters.ChoiceFilter(label="状态", choices=NumberStatus.choices)
    source = django_filters.ChoiceFilter(label="来源", choices=NumberSource.choices)
    batch_label = django_filters.CharFilter(label="识别号")

    class Meta:
        model = AgreementNumber
        fields = ["q", "college", "status", "source", "batch_label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["placeholder"] = "协议书编号、学号或姓名"


class OnlineAgreementFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "employer__name", "number__number")
    student__graduation_year = django_filters.NumberFilter(label="毕业年份")
    college = django_filters.ModelChoiceFilter(label="学院", field_name="student__major__college",
                                               queryset=College.objects.order_by("sort", "name"))
    status = django_filters.ChoiceFilter(label="状态", choices=SigningStatus.choices)

    class Meta:
        model = OnlineAgreement
        fields = ["q", "student__graduation_year", "college", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs["placeholder"] = "学号、姓名、单位名称或协议书编号"
