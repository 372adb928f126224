"""Field-selectable export of a restricted, filtered queryset to .xlsx or .csv.

A domain declares `ExportView` (views/exports.py) with `queryset`, `filterset` and either
`fields = [ExportField(...)]` or a `table` whose columns become the fields. Exports of
more than `async_threshold` rows run as a background Job ("export").
"""

import csv
import datetime
import io
import json
import os
import tempfile
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from .history import log_event
from .jobs import JobError, job_handler

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_VIEWS = {}  # key -> ExportView subclass, so a worker can rebuild the queryset
FORMATS = {"xlsx": "Excel（.xlsx）", "csv": "CSV（UTF-8，Excel 可直接打开）"}


def safe_cell(value):
    """Neutralise spreadsheet formula injection: text starting with = + - @ gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def resolve(obj, path):
    """Follow `a__b__c` from obj; a field with choices gives its display label."""
    parts = path.replace(".", "__").split("__")
    for index, part in enumerate(parts):
        if obj is None:
            return None
        if index == len(parts) - 1 and isinstance(obj, models.Model):
            try:
                field = obj._meta.get_field(part)
            except FieldDoesNotExist:
                field = None
            if field is not None and getattr(field, "choices", None):
                return getattr(obj, f"get_{field.name}_display")()
        obj = getattr(obj, part, None)
    return obj


def to_cell(value):
    """A Python value as a spreadsheet cell: numbers stay numbers, everything else text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return safe_cell(str(value))


@dataclass(frozen=True)
class ExportField:
    name: str
    label: str
    accessor: object = None  # "major__college__name", or a callable(obj); default: name

    def value(self, obj):
        if callable(self.accessor):
            return to_cell(self.accessor(obj))
        return to_cell(resolve(obj, self.accessor or self.name))


def fields_from_table(table_class, queryset):
    """Every column of a list table except the checkbox, with its header as label."""
    table = table_class(queryset.none())
    return [ExportField(c.name, str(c.verbose_name), str(c.accessor or c.name))
            for c in table.columns.iterall() if c.name != "pk"]


def csv_chunks(fields, objects):
    """CSV bytes with a UTF-8 BOM so Excel shows Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    yield "\ufeff".encode("utf-8")
    writer.writerow([f.label for f in fields])
    for obj in objects:
        writer.writerow([f.value(obj) for f in fields])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def write_xlsx(path, fields, objects, sheet_name="数据", progress=None):
    """Rows to an .xlsx at `path` in constant memory; returns the number of rows."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                      "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    for col, field in enumerate(fields):
        sheet.set_column(col, col, max(10, min(40, len(field.label) * 3)))
        sheet.write_string(0, col, field.label, bold)
    sheet.freeze_panes(1, 0)
    count = 0
    for count, obj in enumerate(objects, start=1):
        for col, field in enumerate(fields):
            value = field.value(obj)
            if isinstance(value, (int, float)):
                sheet.write_number(count, col, value)
            else:
                sheet.write_string(count, col, value)
        if progress:
            progress(count)
    book.close()
    return count


def write_csv(path, fields, objects, progress=None):
    with open(path, "wb") as handle:
        for chunk in csv_chunks(fields, _counting(objects, progress)):
            handle.write(chunk)


def _counting(objects, progress):
    for count, obj in enumerate(objects, start=1):
        yield obj
        if progress:
            progress(count)


def export_filename(label, fmt):
    return f"{label}-{timezone.localtime():%Y%m%d-%H%M%S}.{fmt}"


def log_export(user, model, count, fmt, fields, query):
    meta = model._meta
    log_event("export", module=meta.app_label, user=user,
              message=f"导出{meta.verbose_name} {count} 条（{fmt}）",
              changes={"model": meta.label_lower, "rows": count, "format": fmt,
                       "fields": [f.label for f in fields], "filters": query})


def find_export_view(key):
    if key not in EXPORT_VIEWS:
        from django.urls import get_resolver

        get_resolver().url_patterns  # importing the URLconf declares every ExportView
    return EXPORT_VIEWS.get(key)


@job_handler("export")
def export_job(ctx):
    params = ctx.params
    view = find_export_view(params.get("view", ""))
    if view is None:
        raise JobError("导出配置已不存在，请回到列表页重新导出。")
    user = ctx.user
    if user is None or not user.has_permission(view.export_permission()):
        raise JobError("您已没有导出权限，请联系学校管理员。")
    queryset = view.filtered_queryset(user, params.get("query", ""), params.get("operating_year"))
    fields = view.selected_fields(params.get("fields", []))
    fmt = params.get("format", "xlsx")
    total = queryset.count()
    ctx.progress(0, total, f"正在导出 {total} 条……", force=True)
    handle, path = tempfile.mkstemp(suffix=f".{fmt}")
    os.close(handle)
    try:
        objects = queryset.iterator(chunk_size=2000)
        report = lambda done: ctx.progress(done, total, f"已导出 {done}/{total} 条")  # noqa: E731
        if fmt == "csv":
            write_csv(path, fields, objects, report)
        else:
            write_xlsx(path, fields, objects, str(view.model_verbose_name()), report)
        ctx.save_file(export_filename(view.model_verbose_name(), fmt), path)
    finally:
        os.unlink(path)
    log_export(user, queryset.model, total, fmt, fields, params.get("query", ""))
    ctx.job.message = f"导出完成，共 {total} 条。"
    ctx.set_result(rows=total)
