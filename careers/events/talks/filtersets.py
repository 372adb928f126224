import django_filters
from django.db.models import Q
from django.forms import DateInput

from careers.core.filtersets import BaseFilterSet

from ..models import Registration, Talk, TalkStatus, Venue


class TalkFilterSet(BaseFilterSet):
    search_fields = ("title", "employer__name", "organiser")
    status = django_filters.ChoiceFilter(label="状态", choices=TalkStatus.choices)
    employer = django_filters.CharFilter(label="用人单位", method="filter_employer")
    venue = django_filters.ModelChoiceFilter(label="场地", queryset=Venue.objects.order_by("is_placeholder", "name"))
    date_from = django_filters.DateFilter(label="举办日期起", field_name="starts_at", lookup_expr="date__gte",
                                          widget=DateInput(attrs={"type": "date"}))
    date_to = django_filters.DateFilter(label="举办日期止", field_name="starts_at", lookup_expr="date__lte",
                                        widget=DateInput(attrs={"type": "date"}))

    class Meta:
        model = Talk
        fields = ["q", "status", "employer", "venue", "date_from", "date_to"]

    def filter_employer(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(employer__name__icontains=value) | Q(organiser__icontains=value))


class TalkRegistrationFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name")
    talk = django_filters.NumberFilter(label="宣讲会编号", field_name="talk_id")
    college = django_filters.CharFilter(label="学院", field_name="student__major__college__name",
                                        lookup_expr="icontains")

    class Meta:
        model = Registration
        fields = ["q", "talk", "college"]
