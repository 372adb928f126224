import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import Venue


class VenueFilterSet(BaseFilterSet):
    search_fields = ("name", "address", "equipment")
    is_placeholder = django_filters.BooleanFilter(label="待定场地")
    is_active = django_filters.BooleanFilter(label="启用")
    capacity_min = django_filters.NumberFilter(label="容纳人数≥", field_name="capacity", lookup_expr="gte")

    class Meta:
        model = Venue
        fields = ["q", "is_placeholder", "is_active", "capacity_min"]
