import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import Carousel


class CarouselFilterSet(BaseFilterSet):
    search_fields = ("code", "name")
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = Carousel
        fields = ["q", "is_active"]
