"""The rows of every BaseTable, rendered in Python with django-tables2's own semantics.

tables2 renders a page's rows through its template, and per cell that costs: the `td` attributes computed
again (BoundColumn.attrs: three computed dicts and a sort), an Accessor walk that tries `obj[bit]` before
`getattr` (an exception per step on a model), `inspect.signature` of the render method, a `reverse()` per
linked cell and a template render per date cell. On a 50-row list that is most of the page's time.

Here each shown column is compiled once per page into a function of the record that does the same things
in the same order: the td attributes once, the accessor walked with getattr (get_FOO_display for a choices
field, the column's default for an empty value), the render method called with the arguments its signature
asks for (looked up once), a link's URL reversed once with a stand-in for the row's pk, date columns
formatted with the `date` and `default` filters their template applies, and the cell escaped and localised
as `{{ cell }}` would be. Whatever it does not recognise (a callable on the way, a dict, a many-to-many
column, a template column, dynamic attributes) goes through tables2's own BoundRow.get_cell, so the HTML is
what tables2's template renders, without its whitespace. tests/core/test_table_body.py compares the two.
"""

import re
from functools import lru_cache
from html import escape as _escape

from django.conf import settings
from django.db import models
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import default as default_filter
from django.urls import NoReverseMatch, reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django_tables2.columns import (CheckBoxColumn, Column, DateColumn, DateTimeColumn, ManyToManyColumn,
                                    TemplateColumn)
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.rows import BoundPinnedRow
from django_tables2.utils import Accessor, AttributeDict, signature

# The template DateTimeColumn/DateColumn build from their `format`.
DATE_TEMPLATE = re.compile(r'\{\{ value\|date:"([^"]*)"\|default:default \}\}\Z')
RENDER_ARGS = ("value", "record", "column", "bound_column", "bound_row", "table")


@lru_cache(maxsize=512)
def compiled_template(code):
    """`Template(code)` compiled once per process: tables2's TemplateColumn (and so its DateTimeColumn and
    DateColumn, which every model DateTimeField/DateField column gets) compiles its template_code again for
    every cell — on a 50-row list with two date columns, ~0.3 s of template parsing per page."""
    return Template(code)


class Fallback(Exception):
    """A cell the fast path does not reproduce: tables2 renders it."""


def escaped(value):
    """conditional_escape() without its lazy wrapper: safe strings as they are, anything else escaped."""
    html = getattr(value, "__html__", None)
    return html() if html is not None else _escape(str(value))


def as_template_html(value):
    """What `{{ value }}` renders in an autoescaping template (django.template.base.render_value_in_context)."""
    if type(value) is str:
        return _escape(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:  # what number_format() gives it, faster
        return str(value)
    return _escape(str(localize(template_localtime(value))))


def has_callable(attrs):
    return any(callable(v) or (isinstance(v, dict) and has_callable(v)) for v in attrs.values())


class Missing(Exception):
    """An attribute a model instance does not have: tables2 resolves the cell's value to None."""


def walk(obj, bits):
    """obj.bit1.bit2… through model instances as tables2's Accessor resolves them: stopping at None, leaving
    managers uncalled (do_not_call_in_templates); Missing for an attribute the instance lacks. Anything
    tables2 would resolve another way (a dict or index lookup, a callable it calls) raises Fallback."""
    for bit in bits:
        if not isinstance(obj, models.Model) or hasattr(type(obj), "__getitem__"):
            raise Fallback
        try:
            obj = getattr(obj, bit)
        except AttributeError:
            raise Missing from None
        if obj is None:
            return None
        if callable(obj) and (not getattr(obj, "do_not_call_in_templates", False) or getattr(obj, "alters_data", False)):
            raise Fallback
    return obj


class CompiledCell:
    """One shown column of one table render: `html(record, row)` is the content of its <td>."""

    def __init__(self, table, bound_column):
        self.table, self.bound_column, self.name = table, bound_column, bound_column.name
        column = self.column = bound_column.column
        attrs = dict(table.attrs) | dict(column.attrs)
        self.static_td = not has_callable(attrs.get("td", attrs.get("cell", {})))
        self.td = f"<td {bound_column.attrs['td'].as_html()}>" if self.static_td else None
        self.html = self.slow
        if not self.static_td:  # attributes computed from each cell: tables2 renders the cell too
            return
        accessor = bound_column.accessor
        model = getattr(table.data, "model", None)
        if (column.localize is not None or isinstance(column, ManyToManyColumn) or model is None
                or not isinstance(accessor, str) or accessor.SEPARATOR != "__" or accessor.callable_args
                or accessor.callable_kwargs or not accessor or hasattr(model, "__getitem__")):
            return
        bits = accessor.bits
        self.head, self.last = bits[:-1], bits[-1]
        field = Accessor(accessor).get_field(model)
        self.display = f"get_{self.last}_display" if getattr(field, "choices", ()) else None
        self.default = None if callable(column._default) else bound_column.default
        self.render_name = f"render_{self.name}"
        if isinstance(column, TemplateColumn):
            match = DATE_TEMPLATE.match(column.template_code or "")
            if (type(column) in (DateTimeColumn, DateColumn) and match and not column.extra_context
                    and not bound_column.link and not hasattr(table, self.render_name)):
                self.date_format = match.group(1)
                self.html = self.date_cell
            return
        self.checkbox = self.compile_checkbox()
        render = bound_column.render
        if render == column.render and type(column).render is Column.render:
            self.render_args = None  # Column.render returns the value
        else:
            self.render_args = self.arguments(render)
        self.link = self.compile_link(bound_column.link)
        self.html = self.cell

    # -- values -----------------------------------------------------------------------------------------

    def value(self, record):
        """The accessor's value as tables2's BoundRow resolves it (get_FOO_display for a choices field)."""
        penultimate = walk(record, self.head)
        if penultimate is None:
            return None
        if self.display is not None and isinstance(penultimate, models.Model):
            display = getattr(penultimate, self.display, None)
            if display is not None:
                return display()
        return walk(penultimate, (self.last,))

    def column_default(self):
        return self.bound_column.default if self.default is None else self.default

    @staticmethod
    def arguments(fn):
        """How call_with_appropriate() calls `fn`: every argument (it takes **kwargs), the ones it names, or
        not at all (it names one tables2 does not offer: tables2 then renders None)."""
        args, catch_all = signature(fn)
        if catch_all:
            return RENDER_ARGS
        if any(arg not in RENDER_ARGS for arg in args):
            return False
        return args

    def call(self, fn, args, value, record, row):
        if args is False:
            return None
        offered = {"value": value, "record": record, "column": self.column, "bound_column": self.bound_column,
                   "bound_row": row, "table": self.table}
        return fn(**{arg: offered[arg] for arg in args})

    # -- cells ------------------------------------------------------------------------------------------

    def cell(self, record, row):
        try:
            value = self.value(record)
        except Fallback:
            return self.slow(record, row)
        except Missing:
            if isinstance(self.column, BaseLinkColumn):  # tables2 renders its text without a value
                return self.slow(record, row)
            value = None
        if value in self.column.empty_values:
            return as_template_html(self.column_default())
        if self.checkbox is not None:
            return self.checkbox[0] + escaped(value) + self.checkbox[1]
        if self.render_args is None:
            content = value
        else:
            content = self.call(self.bound_column.render, self.render_args, value, record, row)
        if self.link is not None:
            content = self.link(content, value, record, row)
        return as_template_html(content)

    def date_cell(self, record, row):
        """DateTimeColumn/DateColumn: `{{ value|date:"<format>"|default:default }}` without the template."""
        try:
            value = self.value(record)
        except Fallback:
            return self.slow(record, row)
        except Missing:
            value = None
        text = default_filter(date_filter(template_localtime(value), self.date_format), self.column_default())
        return as_template_html(text)

    def slow(self, record, row):
        """tables2's own cell, printed as its template prints it."""
        cell = self.last_cell = row.get_cell(self.name)
        localize_ = self.column.localize
        if localize_ is None:
            return as_template_html(cell)
        code = "{% load l10n %}{{ cell|" + ("localize" if localize_ else "unlocalize") + " }}"
        return compiled_template(code).render(Context({"cell": cell}))

    def td_open(self, cell_html, record):
        if self.static_td:
            return self.td
        self.bound_column.current_value, self.bound_column.current_record = self.last_cell, record
        return f"<td {self.bound_column.attrs['td'].as_html()}>"

    # -- special columns --------------------------------------------------------------------------------

    def compile_checkbox(self):
        """(before, after) the escaped value for CheckBoxColumn's <input>, or None."""
        column = self.column
        if type(column) is not CheckBoxColumn or column.checked is not None or hasattr(self.table, self.render_name):
            return None
        specific = column.attrs.get("td__input") or column.attrs.get("input") or {}
        if "value" in specific or has_callable(specific):
            return None
        mark = "\x00value\x00"
        attrs = dict({"type": "checkbox", "name": self.name, "value": mark}, **specific)
        before, _, after = f"<input {AttributeDict(attrs).as_html()} />".partition(mark)
        return before, after

    def compile_link(self, link):
        """A function (content, value, record, row) → the linked content, or None when the column links
        nothing. Links reversed by viewname are reversed once with a stand-in for each accessor argument."""
        if link is None:
            return None
        attrs = link.attrs or {}
        if has_callable(attrs) or "href" in attrs:
            return self.slow_link
        prefix = AttributeDict(attrs).as_html()
        self.link_open = f"<a {prefix} href=\"" if prefix else '<a href="'
        if callable(link.url):
            self.url_args = self.arguments(link.url)
            self.href = self.href_from_callable
        elif link.reverse_args.get("viewname") is not None:
            self.href = self.compile_reverse(link) or (lambda value, record, row: link.call_reverse(record=record))
        else:
            return self.slow_link
        return self.linked

    def compile_reverse(self, link):
        params = link.reverse_args
        if isinstance(params["viewname"], Accessor) or set(params) - {"viewname", "args", "kwargs"}:
            return None
        marks, args, kwargs = [], [], {}
        for i, value in enumerate(params.get("args") or ()):
            args.append(self.stand_in(value, marks, i))
        for i, (key, value) in enumerate((params.get("kwargs") or {}).items(), start=len(args)):
            kwargs[key] = self.stand_in(value, marks, i)
        if not marks:
            return None
        try:
            pattern = reverse(params["viewname"], args=args or None, kwargs=kwargs or None)
        except NoReverseMatch:
            return None
        if any(pattern.count(mark) != 1 for mark, _ in marks):
            return None
        resolvers = [(mark, accessor.bits) for mark, accessor in marks]

        def href(value, record, row):
            url = pattern
            for mark, bits in resolvers:
                try:
                    part = walk(record, bits)
                except (Fallback, Missing):
                    part = None
                if type(part) is not int or part < 0:  # the stand-in only stands for what reverse() gives an int
                    return link.call_reverse(record=record)
                url = url.replace(mark, str(part))
            return url

        return href

    @staticmethod
    def stand_in(value, marks, i):
        if not isinstance(value, Accessor):
            return value
        mark = f"98765432{i:02d}1"  # digits: every path converter of a pk accepts them
        marks.append((mark, value))
        return mark

    def href_from_callable(self, value, record, row):
        return self.call(self.bound_column.link.url, self.url_args, value, record, row)

    def linked(self, content, value, record, row):
        href = self.href(value, record, row)
        if href is None:
            return content
        return mark_safe(f'{self.link_open}{escaped(href)}">{escaped(content)}</a>')  # noqa: S308 - escaped

    def slow_link(self, content, value, record, row):
        return self.bound_column.link(content, value=value, record=record, column=self.column,
                                      bound_column=self.bound_column, bound_row=row, table=self.table)


def body_html(table):
    """The <tr> rows of the table's current page (or of all its rows when it is not paginated)."""
    cells = [CompiledCell(table, bound_column) for bound_column in table.columns]
    plain_rows = not table.row_attrs
    parts = []
    for row in table.paginated_rows:
        if plain_rows and not isinstance(row, BoundPinnedRow):
            parts.append('<tr class="odd">' if row.row_counter % 2 else '<tr class="even">')
        else:
            parts.append(f"<tr {row.attrs.as_html()}>")
        record = row.record
        for cell in cells:
            html = cell.html(record, row)
            parts.append(cell.td_open(html, record))
            parts.append(html)
            parts.append("</td>")
        parts.append("</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every cell is escaped as the template would
