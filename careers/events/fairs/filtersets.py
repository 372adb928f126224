import django_filters
from django.db.models import Exists, OuterRef

from careers.core.filtersets import BaseFilterSet
from careers.org.models import College

from ..models import CheckIn, Fair, FairStatus, Registration


class FairFilterSet(BaseFilterSet):
    search_fields = ("title", "place", "venue__name")
    status = django_filters.ChoiceFilter(label="状态", choices=FairStatus.choices)
    starts_from = django_filters.DateFilter(label="举办日期起", field_name="starts_at", lookup_expr="date__gte")
    starts_to = django_filters.DateFilter(label="举办日期止", field_name="starts_at", lookup_expr="date__lte")

    class Meta:
        model = Fair
        fields = ["q", "status", "starts_from", "starts_to"]


def with_checked_in(queryset):
    """Each registration with `checked_in`: did the student check in at that fair (one subquery)."""
    return queryset.annotate(checked_in=Exists(CheckIn.objects.filter(fair=OuterRef("fair"),
                                                                      student=OuterRef("student"))))


class FairRegistrationFilterSet(BaseFilterSet):
    search_fields = ("student__name", "student__student_number")
    fair = django_filters.ModelChoiceFilter(label="招聘会", queryset=Fair.objects.only("title").order_by("-starts_at"))
    college = django_filters.ModelChoiceFilter(label="学院", field_name="student__major__college",
                                               queryset=College.objects.all())
    checked_in = django_filters.BooleanFilter(label="已签到", method="filter_checked_in")

    class Meta:
        model = Registration
        fields = ["fair", "q", "college", "checked_in"]

    def filter_checked_in(self, queryset, name, value):
        return queryset.filter(checked_in=value)  # the list's queryset is annotated by with_checked_in
