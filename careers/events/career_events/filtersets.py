import django_filters
from django.forms import DateInput

from careers.core.filtersets import BaseFilterSet

from ..models import Registration, Venue
from .models import CareerEvent, CareerEventCategory, CareerEventState

DATE = DateInput(attrs={"type": "date"})


class CareerEventCategoryFilterSet(BaseFilterSet):
    search_fields = ("name",)
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = CareerEventCategory
        fields = ["q", "is_active"]


class CareerEventFilterSet(BaseFilterSet):
    search_fields = ("title", "organiser", "audience")
    state = django_filters.ChoiceFilter(label="状态", choices=CareerEventState.choices)
    category = django_filters.ModelChoiceFilter(label="活动分类", queryset=CareerEventCategory.objects.all())
    venue = django_filters.ModelChoiceFilter(label="场地", queryset=Venue.objects.filter(is_placeholder=False))
    venue_pending = django_filters.BooleanFilter(label="场地待定", field_name="venue", lookup_expr="isnull")
    date_from = django_filters.DateFilter(label="举办日期起", field_name="starts_at", lookup_expr="date__gte",
                                          widget=DATE)
    date_to = django_filters.DateFilter(label="举办日期止", field_name="starts_at", lookup_expr="date__lte",
                                        widget=DATE)

    class Meta:
        model = CareerEvent
        fields = ["q", "state", "category", "venue", "venue_pending", "date_from", "date_to"]


class CareerEventRegistrationFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name")
    career_event = django_filters.NumberFilter(label="就业活动编号", field_name="career_event_id")
    college = django_filters.CharFilter(label="学院", field_name="student__major__college__name",
                                        lookup_expr="icontains")
    major = django_filters.CharFilter(label="专业", field_name="student__major__name", lookup_expr="icontains")

    class Meta:
        model = Registration
        fields = ["q", "career_event", "college", "major"]
