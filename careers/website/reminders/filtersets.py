import django_filters
from django.forms import DateInput

from careers.core.filtersets import BaseFilterSet

from .models import CalendarReminder

DATE = DateInput(attrs={"type": "date"})


class CalendarReminderFilterSet(BaseFilterSet):
    search_fields = ("title", "content")
    is_visible = django_filters.BooleanFilter(label="显示")
    date_from = django_filters.DateFilter(label="事件日期起", field_name="starts_at", lookup_expr="date__gte",
                                          widget=DATE)
    date_to = django_filters.DateFilter(label="事件日期止", field_name="starts_at", lookup_expr="date__lte",
                                        widget=DATE)

    class Meta:
        model = CalendarReminder
        fields = ["q", "is_visible", "date_from", "date_to"]
