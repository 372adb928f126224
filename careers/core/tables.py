import django_tables2 as tables
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_tables2.columns import templatecolumn

from . import table_body
from .table_body import compiled_template


# Query parameters that page, sort or size a list without filtering it.
UNFILTERED_PARAMS = frozenset({"page", "sort", "per_page", "exact_count"})

templatecolumn.Template = compiled_template  # the name TemplateColumn.render calls; rendering is unchanged


class BaseTable(tables.Table):
    """Checkbox column for bulk actions plus the user's chosen columns."""

    pk = tables.CheckBoxColumn(accessor="pk", orderable=False, attrs={
        "th__input": {"class": "form-check-input", "data-select-all": "1", "aria-label": "全选"},
        "td__input": {"class": "form-check-input", "name": "pk", "form": "bulk-form", "aria-label": "选择此行"},
    })

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle mb-0"}
        default_columns = None  # None: every column

    # Key columns that stay in view while a wide table scrolls sideways inside its .table-responsive
    # (careers.js pins the table's leading visible columns named here: the checkbox, 学号, 姓名).
    sticky_columns = ("pk", "student_number", "name")

    # The empty state (core/includes/empty_state.html) says what to do next: with filters set, loosen them or
    # see everything; without, the table's own hint and the view's actions (新增 / 导入).
    empty_hint = ""
    empty_actions = ()  # [(label, url)], set by ObjectListView from the actions the user may take
    filtered = False

    def before_render(self, request):
        super().before_render(request)
        self.filtered = request is not None and any(
            value for key, value in request.GET.items() if key not in UNFILTERED_PARAMS)

    def __init__(self, *args, user=None, columns=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.empty_text is None:  # an empty list says so instead of showing a bare header
            self.empty_text = "没有符合条件的记录"
        self.user = user
        for bound in self.columns:  # a time never wraps onto two lines
            if is_time_column(bound.column):
                attrs = dict(bound.column.attrs or {})
                td = dict(attrs.get("td", attrs.get("cell", {})))
                td["class"] = f"{td.get('class', '')} text-nowrap".strip()
                bound.column.attrs = {**attrs, "td": td}
        chosen = columns or getattr(self.Meta, "default_columns", None)
        if chosen:
            keep = {"pk", *chosen}
            for name in self.columns.names():
                if name not in keep:
                    self.columns.hide(name)
        self.pin_key_columns()

    def pin_key_columns(self):
        names = []
        for column in self.columns:  # the visible ones, in order
            if column.name not in self.sticky_columns:
                break
            names.append(column.name)
        if set(names) - {"pk"}:  # a key column to keep in view, not only the checkbox
            self.attrs["data-sticky-columns"] = str(len(names))

    rows_in_python = True  # core/table.html prints body_html instead of tables2's row loop

    def body_html(self):
        """The page's rows, rendered in Python with tables2's semantics (core/table_body.py); the tables that
        pre-render their own rows (record and student lists) override this."""
        return table_body.body_html(self)

    @classmethod
    def choosable_columns(cls):
        return [(name, cls.column_label(name, column)) for name, column in cls.base_columns.items() if name != "pk"]

    @classmethod
    def column_label(cls, name, column):
        """The header the list shows: a column declared without verbose_name takes its model field's."""
        if column.verbose_name:
            return str(column.verbose_name)
        model = getattr(cls._meta, "model", None)
        try:
            return str(model._meta.get_field(name).verbose_name)
        except Exception:  # no model, or a column that is no field
            return name


class LocalTimeColumn(tables.Column):
    """A datetime as local time text, formatted in Python: tables2's DateTimeColumn renders a template per
    cell, which dominates a 200-row page."""

    def __init__(self, *args, fmt="%Y-%m-%d %H:%M", **kwargs):
        self.fmt = fmt
        super().__init__(*args, **kwargs)

    def render(self, value):
        return timezone.localtime(value).strftime(self.fmt)


def is_time_column(column):
    return isinstance(column, (tables.DateTimeColumn, tables.DateColumn, LocalTimeColumn))


# A cell's HTML: conditional_escape without its lazy-string wrapper (one function for every fast table body).
cell_html = table_body.escaped


PK_MARK = "987654321"  # stands for the row's pk in a URL reversed once per page


class FastRowsTable(BaseTable):
    """A list whose rows are rendered in Python (core/table_prerendered.html prints `body_html`): tables2's
    per-cell template path costs ~10 ms a row, more than every query of a 200-row page. Cells are escaped with
    `cell_html` (no lazy-string wrappers).

    A subclass answers `cell(name, record)` for the columns it formats and calls `super().cell()` for the rest
    (the accessor's value, "—" when empty); `prepare_rows(names, records)` loads what the page's cells need
    (one query per kind, not a join each); `NOWRAP` names the columns that must not wrap.
    """

    NOWRAP = ()

    def page_records(self):
        page = getattr(self, "page", None)
        return [row.record for row in page.object_list] if page is not None else []

    def prepare_rows(self, names, records):
        """Hook: load what this page's cells need before they are rendered."""

    def body_html(self):
        columns = [(c.name, ' class="text-nowrap"' if c.name in self.NOWRAP or is_time_column(c.column) else "")
                   for c in self.columns]
        records = self.page_records()
        self.prepare_rows([name for name, _ in columns], records)
        rows = []
        for record in records:
            cells = "".join(f"<td{attrs}>{cell_html(self.cell(name, record))}</td>" for name, attrs in columns)
            rows.append(f"<tr>{cells}</tr>")
        return mark_safe("".join(rows))  # noqa: S308 - every cell is escaped above

    def accessor_value(self, name, record):
        """The column's accessor followed from the record (None when a step is missing)."""
        value = record
        for part in str(self.base_columns[name].accessor or name).split("__"):
            value = getattr(value, part, None)
            if value is None:
                break
        return value

    def cell(self, name, record):
        value = self.accessor_value(name, record)
        return "—" if value in (None, "") else value
