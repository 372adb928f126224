from careers.core.filtersets import BaseFilterSet

from .models import Talk


class TalkFilterSet(BaseFilterSet):
    search_fields = ("title",)

    class Meta:
        model = Talk
        fields = ["q"]
