from careers.core.tables import BaseTable

from .models import Fair


class FairTable(BaseTable):
    class Meta(BaseTable.Meta):
        model = Fair
        fields = ("pk", "title", "starts_at", "ends_at", "place", "status", )
        default_columns = ("title", "starts_at", "ends_at", "place", "status", )
