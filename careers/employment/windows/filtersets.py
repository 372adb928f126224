"""功能时间设置's filters."""

import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import ReportingWindow
from .state import CLOSING_DAYS, windows_in_state


class ReportingWindowFilterSet(BaseFilterSet):
    """功能时间设置: by 毕业年份 and 当前状态 (待办事项 links to the windows closing soon)."""

    graduation_year = django_filters.NumberFilter(label="毕业年份")
    state = django_filters.ChoiceFilter(label="当前状态", method="filter_state", choices=(
        ("open", "开放中"), ("closing", f"{CLOSING_DAYS} 天内截止"), ("upcoming", "未开始"), ("closed", "已截止")))

    class Meta:
        model = ReportingWindow
        fields = ["graduation_year", "state"]

    def filter_state(self, queryset, name, value):
        return windows_in_state(queryset, value)
