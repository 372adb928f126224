from careers.core.views import generic

from .filtersets_venues import VenueFilterSet
from .models import Venue
from .tables_venues import VenueTable


class VenueListView(generic.ObjectListView):
    queryset = Venue.objects.all()
    filterset = VenueFilterSet
    table = VenueTable
