import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import InfoBlock


class InfoBlockFilterSet(BaseFilterSet):
    search_fields = ("code", "title")
    is_visible = django_filters.BooleanFilter(label="显示")

    class Meta:
        model = InfoBlock
        fields = ["q", "is_visible"]
