"""系统日志: search by user / module / action / date; export."""

import django_filters
import django_tables2 as tables

from .filtersets import BaseFilterSet
from .models import OperationLog
from .tables import BaseTable
from .views import generic


class OperationLogFilterSet(BaseFilterSet):
    search_fields = ("user_repr", "object_repr", "message", "object_id")
    module = django_filters.ChoiceFilter(label="模块", choices=lambda: [
        (m, m) for m in OperationLog.objects.order_by().values_list("module", flat=True).distinct()])
    action = django_filters.ChoiceFilter(label="操作", choices=OperationLog.Action.choices)
    user_repr = django_filters.CharFilter(label="操作人", lookup_expr="icontains")
    since = django_filters.DateFilter(label="起始日期", field_name="timestamp", lookup_expr="date__gte",
                                      widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(label="截止日期", field_name="timestamp", lookup_expr="date__lte",
                                      widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = OperationLog
        fields = ["q", "module", "action", "user_repr", "since", "until"]


class OperationLogTable(BaseTable):
    timestamp = tables.DateTimeColumn(format="Y-m-d H:i:s", linkify=("core:operationlog_detail", {"pk": tables.A("pk")}))
    user_repr = tables.Column()
    ip_address = tables.Column()
    module = tables.Column()
    action = tables.Column()
    object_repr = tables.Column()
    changes = tables.Column(orderable=False)
    message = tables.Column()

    class Meta(BaseTable.Meta):
        model = OperationLog
        fields = ("timestamp", "user_repr", "ip_address", "module", "action", "object_type", "object_repr",
                  "changes", "message")
        exclude = ("pk",)

    def render_changes(self, value):
        parts = [f"{field}: {change[0] or '（空）'} → {change[1] or '（空）'}"
                 if isinstance(change, (list, tuple)) and len(change) == 2 else f"{field}: {change}"  # e.g. exports
                 for field, change in list(value.items())[:5]]
        if len(value) > 5:
            parts.append(f"……共 {len(value)} 项")
        return "；".join(parts)


class OperationLogListView(generic.ObjectListView):
    queryset = OperationLog.objects.all()
    filterset = OperationLogFilterSet
    table = OperationLogTable
    actions = ("export",)


class OperationLogView(generic.ObjectView):
    queryset = OperationLog.objects.all()
    template_name = "core/operationlog_detail.html"
