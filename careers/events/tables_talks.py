from careers.core.tables import BaseTable

from .models import Talk


class TalkTable(BaseTable):
    class Meta(BaseTable.Meta):
        model = Talk
        fields = ("pk", "title", "starts_at", "ends_at", "venue", "status", )
        default_columns = ("title", "starts_at", "ends_at", "venue", "status", )
