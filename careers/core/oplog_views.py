"""系统日志: search by user / module / action / date; export."""

import django_filters
import django_tables2 as tables

from .filtersets import BaseFilterSet
from .models import OperationLog
from .oplog_display import (NamesOnDemand, change_rows, change_summary, module_label, object_type_label,
                            related_names)
from .exports import ExportField, fields_from_table
from .tables import BaseTable
from .views import generic


class OperationLogFilterSet(BaseFilterSet):
    search_fields = ("user_repr", "object_repr", "message", "object_id")
    module = django_filters.ChoiceFilter(label="模块", choices=lambda: sorted(
        ((m, module_label(m)) for m in OperationLog.objects.order_by().values_list("module", flat=True).distinct()),
        key=lambda choice: choice[1]))
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

    def body_html(self):
        # Related rows named once for the page (one query per model), not per cell.
        page = getattr(self, "page", None)
        self.names = related_names([row.record for row in page.object_list]) if page is not None else {}
        return super().body_html()

    def render_module(self, value):
        return module_label(value)

    def render_object_type(self, value):
        return object_type_label(value)

    def render_changes(self, value, record):
        return change_summary(change_rows(record, getattr(self, "names", {})))


class OperationLogListView(generic.ObjectListView):
    queryset = OperationLog.objects.all()
    filterset = OperationLogFilterSet
    table = OperationLogTable
    actions = ("export",)


class OperationLogView(generic.ObjectView):
    queryset = OperationLog.objects.all()
    template_name = "core/operationlog_detail.html"
    # 变更内容 has its own table below (change_rows); module and object type are shown in words.
    detail_fields = ["timestamp", "user_repr", "ip_address", "request_id", "module", "action", "object_type",
                     "object_id", "object_repr", "message"]
    WORDS = {"module": module_label, "object_type": object_type_label}

    def fields_of(self, obj):
        names = [f for f in self.detail_fields]
        return [(label, self.WORDS[name](getattr(obj, name)) if name in self.WORDS else value)
                for name, (label, value) in zip(names, super().fields_of(obj))]

    def get_extra_context(self, obj):
        return {"change_rows": change_rows(obj, related_names([obj]))}


def export_fields():
    """The list's columns, with module, object type and changes in words as on the page."""
    names = NamesOnDemand()  # related rows by name, as on the page
    words = {"module": lambda log: module_label(log.module), "object_type": lambda log: object_type_label(log.object_type),
             "changes": lambda log: change_summary(change_rows(log, names), limit=100)}
    return [ExportField(f.name, f.label, words[f.name]) if f.name in words else f
            for f in fields_from_table(OperationLogTable, OperationLog.objects.all())]
