import django_filters

from careers.core.filtersets import BaseFilterSet

from ..setup.models import Adviser, Topic
from .models import Booking, BookingStatus


class BookingFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "question", "session_notes")
    status = django_filters.ChoiceFilter(label="状态", choices=BookingStatus.choices)
    adviser = django_filters.ModelChoiceFilter(label="咨询师", queryset=Adviser.objects.select_related("user"))
    topic = django_filters.ModelChoiceFilter(label="咨询主题", queryset=Topic.objects.all())
    date_from = django_filters.DateFilter(label="咨询日期从", field_name="starts_at", lookup_expr="date__gte")
    date_to = django_filters.DateFilter(label="至", field_name="starts_at", lookup_expr="date__lte")
    rated = django_filters.BooleanFilter(label="已评价", field_name="rating", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Booking
        fields = ["q", "status", "adviser", "topic", "date_from", "date_to", "rated"]
