from careers.core.tables import BaseTable

from .models import Venue


class VenueTable(BaseTable):
    class Meta(BaseTable.Meta):
        model = Venue
        fields = ("pk", "name", "address", "capacity", "equipment", "is_placeholder", "is_active", )
        default_columns = ("name", "address", "capacity", "equipment", "is_placeholder", "is_active", )
