"""Filters of the 专业转移审核 list."""

import django_filters

from careers.core.filtersets import BaseFilterSet

from ..models import MajorTransfer


class MajorTransferFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "reason")
    status = django_filters.ChoiceFilter(label="状态", choices=MajorTransfer.Status.choices)
    to_year = django_filters.NumberFilter(label="转入毕业年份")
    from_year = django_filters.NumberFilter(label="原毕业年份")

    class Meta:
        model = MajorTransfer
        fields = ["q", "status", "to_year", "from_year"]
