import django_filters
from django.db.models import Q

from careers.core.filtersets import BaseFilterSet
from careers.studentfiles.filtersets import StudentFilterMixin

from .models import CheckIn, CheckinDevice

DATE = django_filters.widgets.forms.DateInput(attrs={"type": "date"})


class CheckInFilterSet(StudentFilterMixin, BaseFilterSet):
    """签到记录: one talk or fair (`?talk=` / `?fair=`, as linked from the event pages), student, method, day."""

    search_fields = ("student__student_number", "student__name")
    talk = django_filters.NumberFilter(label="宣讲会编号", field_name="talk_id")
    fair = django_filters.NumberFilter(label="招聘会编号", field_name="fair_id")
    career_event = django_filters.NumberFilter(label="就业活动编号", field_name="career_event_id")
    event_title = django_filters.CharFilter(label="活动名称", method="filter_event_title")
    method = django_filters.ChoiceFilter(label="签到方式", choices=CheckIn.Method.choices)
    day = django_filters.DateFilter(label="签到日期", field_name="checked_in_at", lookup_expr="date", widget=DATE)

    class Meta:
        model = CheckIn
        fields = ["q", "talk", "fair", "career_event", "event_title", "graduation_year", "college", "major", "method", "day"]

    def filter_event_title(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(talk__title__icontains=value) | Q(fair__title__icontains=value)
                               | Q(career_event__title__icontains=value))


class CheckinDeviceFilterSet(BaseFilterSet):
    search_fields = ("name", "token_prefix")
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = CheckinDevice
        fields = ["q", "is_active"]
