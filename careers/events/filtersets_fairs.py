from careers.core.filtersets import BaseFilterSet

from .models import Fair


class FairFilterSet(BaseFilterSet):
    search_fields = ("title",)

    class Meta:
        model = Fair
        fields = ["q"]
