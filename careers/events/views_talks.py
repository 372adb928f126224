from careers.core.views import generic

from .filtersets_talks import TalkFilterSet
from .models import Talk
from .tables_talks import TalkTable


class TalkListView(generic.ObjectListView):
    queryset = Talk.objects.all()
    filterset = TalkFilterSet
    table = TalkTable
