"""Filters of the 专业转移审核 list."""

import django_filters

from careers.core.filtersets import BaseFilterSet

from ..models import MajorTransfer
from ..records.review import awaiting_decision


class MajorTransferFilterSet(BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "reason")
    status = django_filters.ChoiceFilter(label="状态", choices=MajorTransfer.Status.choices)
    to_year = django_filters.NumberFilter(label="转入毕业年份")
    from_year = django_filters.NumberFilter(label="原毕业年份")
    awaiting = django_filters.ChoiceFilter(label="待我审核", choices=(("me", "仅看待我审核的申请"),),
                                           method="filter_awaiting")

    class Meta:
        model = MajorTransfer
        fields = ["q", "status", "to_year", "from_year", "awaiting"]

    def filter_awaiting(self, queryset, name, value):
        return awaiting_decision(queryset, self.request.user) if value == "me" else queryset
