"""Filters of the 就业信息 list (and its export) and of the 未就业名单."""

import django_filters
from django import forms
from django.db.models import Q

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet
from careers.core.review import ReviewStatus
from careers.org.models import College, Major
from careers.students.models import Student

from .models import EmploymentRecord
from .placed import placed_destinations, placed_q

CATEGORIES = [(c, c) for c in ("协议和合同就业", "灵活就业", "自主创业", "升学", "未就业")]
DATE = forms.DateInput(attrs={"type": "date"})


def education_levels():
    return Code.objects.of("education_level").order_by("sort", "code")


class EmploymentRecordFilterSet(BaseFilterSet):
    """关键字 (学号/姓名/单位), student placement, destination, review state and 审核时间 range."""

    search_fields = ("student__student_number", "student__name", "employer_name")

    student__graduation_year = django_filters.NumberFilter(label="毕业年份")
    college = django_filters.ModelChoiceFilter(label="学院", field_name="student__major__college",
                                               queryset=College.objects.all())
    major = django_filters.ModelChoiceFilter(label="专业", field_name="student__major",
                                             queryset=Major.objects.select_related("education_level"))
    education_level = django_filters.ModelChoiceFilter(label="学历", field_name="student__major__education_level",
                                                       queryset=education_levels())
    gender = django_filters.ChoiceFilter(label="性别", field_name="student__gender", choices=Student.Gender.choices)
    destination = django_filters.ModelChoiceFilter(
        label="毕业去向", queryset=Code.objects.of("destination").order_by("sort", "code"))
    category = django_filters.ChoiceFilter(label="去向类别", choices=CATEGORIES + [("none", "未填写去向")],
                                           method="filter_category")
    review_status = django_filters.ChoiceFilter(label="审核状态", choices=ReviewStatus.choices)
    reviewed_from = django_filters.DateFilter(label="审核时间起", field_name="reviewed_at", lookup_expr="date__gte",
                                              widget=DATE)
    reviewed_to = django_filters.DateFilter(label="审核时间止", field_name="reviewed_at", lookup_expr="date__lte",
                                            widget=DATE)
    counts = django_filters.BooleanFilter(label="计入落实率", method="filter_counts")

    class Meta:
        model = EmploymentRecord
        fields = ["q", "student__graduation_year", "college", "major", "education_level", "gender", "destination",
                  "category", "review_status", "reviewed_from", "reviewed_to", "counts"]

    def filter_queryset(self, queryset):
        # Only 在读 students, as every dispatch/employment list (学籍异动 takes the others out).
        return super().filter_queryset(queryset).filter(student__is_active=True)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(student__student_number__contains=value) | Q(student__name__contains=value)
                               | Q(employer_name__icontains=value))

    def filter_category(self, queryset, name, value):
        if value == "none":
            return queryset.filter(destination__isnull=True)
        # The category's few code pks as literals: with a JSON subquery the planner expects ~5 rows and
        # joins every code table before sorting (200 ms at 25,000 records instead of 20).
        codes = list(Code.objects.filter(table__kind="destination", extra__category=value).values_list("pk", flat=True))
        return queryset.filter(destination__in=codes)

    def filter_counts(self, queryset, name, value):
        placed = placed_q("", codes=list(placed_destinations().values_list("pk", flat=True)))
        return queryset.filter(placed) if value else queryset.exclude(placed)


UNEMPLOYED_REASONS = [
    ("missing", "无就业记录"),
    ("empty", "未填报"),
    ("pending", "待审核"),
    ("rejected", "未通过审核"),
    ("not_counted", "去向不计入落实率"),
]


class UnemployedFilterSet(BaseFilterSet):
    """未就业名单: the year's 在读 students without a destination that counts toward the placement rate."""

    search_fields = ("student_number", "name")

    graduation_year = django_filters.NumberFilter(label="毕业年份")
    college = django_filters.ModelChoiceFilter(label="学院", field_name="major__college", queryset=College.objects.all())
    major = django_filters.ModelChoiceFilter(label="专业", queryset=Major.objects.select_related("education_level"))
    education_level = django_filters.ModelChoiceFilter(label="学历", field_name="major__education_level",
                                                       queryset=education_levels())
    gender = django_filters.ChoiceFilter(label="性别", choices=Student.Gender.choices)
    reason = django_filters.ChoiceFilter(label="原因", choices=UNEMPLOYED_REASONS, method="filter_reason")

    class Meta:
        model = Student
        fields = ["q", "graduation_year", "college", "major", "education_level", "gender", "reason"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(student_number__contains=value) | Q(name__contains=value))

    def filter_reason(self, queryset, name, value):
        no_destination = Q(employment__destination__isnull=True)
        return queryset.filter({
            "missing": Q(employment__isnull=True),
            "empty": no_destination & Q(employment__review_status__in=(ReviewStatus.EMPTY, ReviewStatus.APPROVED)),
            "pending": no_destination & Q(employment__review_status=ReviewStatus.PENDING),
            "rejected": no_destination & Q(employment__review_status=ReviewStatus.REJECTED),
            "not_counted": Q(employment__destination__isnull=False),
        }[value])
