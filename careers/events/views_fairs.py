from careers.core.views import generic

from .filtersets_fairs import FairFilterSet
from .models import Fair
from .tables_fairs import FairTable


class FairListView(generic.ObjectListView):
    queryset = Fair.objects.all()
    filterset = FairFilterSet
    table = FairTable
