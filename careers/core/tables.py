import django_tables2 as tables
from django.utils import timezone
from django_tables2.columns import templatecolumn

from . import table_body
from .table_body import compiled_template


templatecolumn.Template = compiled_template  # the name TemplateColumn.render calls; rendering is unchanged


class BaseTable(tables.Table):
    """Checkbox column for bulk actions plus the user's chosen columns."""

    pk = tables.CheckBoxColumn(accessor="pk", orderable=False, attrs={
        "th__input": {"class": "form-check-input", "data-select-all": "1", "aria-label": "全选"},
        "td__input": {"class": "form-check-input", "name": "pk", "form": "bulk-form"},
    })

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle mb-0"}
        default_columns = None  # None: every column

    def __init__(self, *args, user=None, columns=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.empty_text is None:  # an empty list says so instead of showing a bare header
            self.empty_text = "没有符合条件的记录"
        self.user = user
        chosen = columns or getattr(self.Meta, "default_columns", None)
        if chosen:
            keep = {"pk", *chosen}
            for name in self.columns.names():
                if name not in keep:
                    self.columns.hide(name)

    rows_in_python = True  # core/table.html prints body_html instead of tables2's row loop

    def body_html(self):
        """The page's rows, rendered in Python with tables2's semantics (core/table_body.py); the tables that
        pre-render their own rows (record and student lists) override this."""
        return table_body.body_html(self)

    @classmethod
    def choosable_columns(cls):
        return [(name, str(column.verbose_name)) for name, column in cls.base_columns.items() if name != "pk"]


class LocalTimeColumn(tables.Column):
    """A datetime as local time text, formatted in Python: tables2's DateTimeColumn renders a template per
    cell, which dominates a 200-row page."""

    def __init__(self, *args, fmt="%Y-%m-%d %H:%M", **kwargs):
        self.fmt = fmt
        super().__init__(*args, **kwargs)

    def render(self, value):
        return timezone.localtime(value).strftime(self.fmt)


# A cell's HTML: conditional_escape without its lazy-string wrapper (one function for every fast table body).
cell_html = table_body.escaped
