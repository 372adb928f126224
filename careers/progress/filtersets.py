import django_filters
from django.db.models import Q
from django.utils import timezone

from careers.core.filtersets import BaseFilterSet

from .models import ProgressProject


class ProjectFilterSet(BaseFilterSet):
    search_fields = ("title",)
    graduation_year = django_filters.NumberFilter(label="毕业年份")
    status = django_filters.ChoiceFilter(label="状态", method="filter_status",
                                         choices=list(ProgressProject.STATUS_LABELS.items()))

    class Meta:
        model = ProgressProject
        fields = ["q", "graduation_year", "status"]

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        return queryset.filter({"upcoming": Q(starts_at__gt=now), "closed": Q(ends_at__lt=now),
                                "open": Q(starts_at__lte=now, ends_at__gte=now)}[value])
