from careers.core.filtersets import BaseFilterSet

from .models import Venue


class VenueFilterSet(BaseFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Venue
        fields = ["q"]
