import django_filters
from django.db.models import Exists, OuterRef, Q

from careers.core.filtersets import BaseFilterSet

from ..models import Booth, Fair, ParticipantJob, Participation, ParticipationStatus


def _yes_no(queryset, condition, value):
    if value is None:
        return queryset
    return queryset.filter(condition) if value else queryset.exclude(condition)


class ParticipationFilterSet(BaseFilterSet):
    search_fields = ("employer__name", "employer__credit_code", "contact_person", "contact_phone", "booths__code")
    fair = django_filters.ModelChoiceFilter(label="招聘会", queryset=Fair.objects.only("title").order_by("-starts_at"))
    status = django_filters.ChoiceFilter(label="确认状态", choices=ParticipationStatus.choices)
    has_booth = django_filters.BooleanFilter(label="已分配展位", method="filter_has_booth")
    paid = django_filters.BooleanFilter(label="已缴费", method="filter_paid")
    receipt = django_filters.BooleanFilter(label="已上传回执", method="filter_receipt")
    brochure = django_filters.BooleanFilter(label="已上传简章", method="filter_brochure")
    checked_in = django_filters.BooleanFilter(label="单位已签到", field_name="checked_in_at", lookup_expr="isnull",
                                              exclude=True)

    class Meta:
        model = Participation
        fields = ["q", "fair", "status", "has_booth", "paid", "receipt", "brochure", "checked_in"]

    def search(self, queryset, name, value):
        # booths__code spans a reverse relation: filter by pk so rows are never duplicated
        matched = super().search(Participation.objects.all(), name, value)
        return queryset.filter(pk__in=matched.values("pk")) if value.strip() else queryset

    def filter_has_booth(self, queryset, name, value):
        return _yes_no(queryset, Q(Exists(Booth.objects.filter(participation=OuterRef("pk")))), value)

    def filter_paid(self, queryset, name, value):
        return _yes_no(queryset, Q(is_paid=True), value)

    def filter_receipt(self, queryset, name, value):
        return _yes_no(queryset, ~Q(receipt_file=""), value)

    def filter_brochure(self, queryset, name, value):
        return _yes_no(queryset, ~Q(brochure=""), value)


class ParticipantJobFilterSet(BaseFilterSet):
    search_fields = ("job__title", "participation__employer__name")
    fair = django_filters.ModelChoiceFilter(label="招聘会", field_name="participation__fair",
                                            queryset=Fair.objects.only("title").order_by("-starts_at"))
    participation = django_filters.NumberFilter(label="参会单位编号", field_name="participation")
    hidden = django_filters.BooleanFilter(label="不显示")
    status = django_filters.ChoiceFilter(label="单位确认状态", field_name="participation__status",
                                         choices=ParticipationStatus.choices)

    class Meta:
        model = ParticipantJob
        fields = ["q", "fair", "status", "hidden", "participation"]
