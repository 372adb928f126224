import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet
from careers.org.models import College, Major
from careers.students.records.filtersets import batch_filter, check_batch, name_or_number

from .models import FollowUpEntry, LedgerStudent

NO_ENTRY = "none"
DIFFICULTY_CHOICES = (("any", "有困难帮扶（任一类别）"), ("none", "无困难帮扶"),
                      *((f"d:{code}", label) for code, label in FollowUpEntry.Difficulty.choices))
EMPLOYMENT_CHOICES = (("placed", "已落实去向"), ("unplaced", "未落实去向"))


class LedgerFilterSet(BaseFilterSet):
    """就业跟踪台账 query: the usual student conditions plus the latest entry's state.

    Expects the queryset of `queries.ledger_queryset()` (latest_* and placed annotations).
    """

    graduation_year = django_filters.NumberFilter(label="毕业年份")
    major__college = django_filters.ModelChoiceFilter(label="学院", queryset=College.objects.all())
    major = django_filters.ModelChoiceFilter(label="专业", queryset=Major.objects.select_related("education_level"))
    major__education_level = django_filters.ModelChoiceFilter(
        label="学历", queryset=Code.objects.of("education_level").order_by("sort", "code"))
    situation = django_filters.ChoiceFilter(label="最新求职状态", method="filter_situation",
                                            choices=((NO_ENTRY, "无跟踪记录"), *FollowUpEntry.Situation.choices))
    difficulty = django_filters.ChoiceFilter(label="困难帮扶", method="filter_difficulty", choices=DIFFICULTY_CHOICES)
    stale_days = django_filters.NumberFilter(label="超过几天未联系", method="filter_stale", min_value=0,
                                             widget=forms.NumberInput(attrs={"min": 0, "placeholder": "如 30"}))
    employment = django_filters.ChoiceFilter(label="就业状态", method="filter_employment", choices=EMPLOYMENT_CHOICES)
    batch = django_filters.CharFilter(label="批量查询列表", method="filter_batch", widget=forms.HiddenInput)

    class Meta:
        model = LedgerStudent
        fields = ["q", "graduation_year", "major__college", "major", "major__education_level", "situation",
                  "difficulty", "stale_days", "employment", "batch"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["major"].label_from_instance = lambda m: f"{m} · {m.education_level.name}"
        self.form.fields["q"].widget.attrs.setdefault("placeholder", "学号或姓名")

    def is_valid(self):
        valid = super().is_valid()
        check_batch(self)
        return valid and not self.form.errors

    def search(self, queryset, name, value):
        return name_or_number(queryset, value)

    def filter_situation(self, queryset, name, value):
        if value == NO_ENTRY:
            return queryset.filter(latest_contacted_on__isnull=True)
        return queryset.filter(latest_situation=value)

    def filter_difficulty(self, queryset, name, value):
        if value == "any":
            return queryset.filter(latest_has_difficulty=True)
        if value == "none":
            return queryset.filter(Q(latest_has_difficulty=False) | Q(latest_has_difficulty__isnull=True))
        # The JSON list as text contains the quoted code ("poverty"): portable to SQLite and PostgreSQL.
        return queryset.filter(latest_difficulties__icontains=f'"{value[2:]}"')

    def filter_stale(self, queryset, name, value):
        cutoff = timezone.localdate() - datetime.timedelta(days=int(value))
        return queryset.filter(Q(latest_contacted_on__lt=cutoff) | Q(latest_contacted_on__isnull=True))

    def filter_employment(self, queryset, name, value):
        return queryset.filter(placed=(value == "placed"))

    def filter_batch(self, queryset, name, value):
        return batch_filter(self.request, queryset, value)


class StatisticsConditionsFilterSet(BaseFilterSet):
    """The dropdowns of 生成统计表 (the view reads and checks the values itself: StatisticsMixin.options).

    A filterset so that the 专业 list, thousands of majors for a school admin, is a bounded type-ahead
    (core.typeahead) instead of every major rendered on each visit."""

    # null_label=None: the page offers no （空） choice (it only counts students of a major)
    major__college = django_filters.ModelChoiceFilter(label="学院", queryset=College.objects.all(), null_label=None)
    major__education_level = django_filters.ModelChoiceFilter(
        label="学历", queryset=Code.objects.of("education_level").order_by("sort", "code"), null_label=None)
    major = django_filters.ModelChoiceFilter(label="专业", queryset=Major.objects.select_related("education_level"),
                                             null_label=None)

    IDS = {"major__college": "s-college", "major__education_level": "s-level", "major": "s-major"}

    class Meta:
        model = LedgerStudent
        fields = ["major__college", "major__education_level", "major"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["major"].label_from_instance = lambda m: f"{m} · {m.education_level.name}"
        for name, element_id in self.IDS.items():
            self.form.fields[name].widget.attrs["id"] = element_id
