"""BaseTable.body_html (careers/core/table_body.py) renders the rows django-tables2's template would render.

`tables2_body` renders the same rows through tables2's own template code (the row loop of
django_tables2/bootstrap5.html, read from the installed package), and the two must be equal cell by cell:
links, escaping, choices, empty values ("—" or the column's default), dates in Asia/Shanghai, booleans,
checkboxes, render_<name> methods, template columns and attributes computed per cell.
"""

import datetime
import re
from pathlib import Path

import django_tables2 as tables
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn
from careers.students.models import Student
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def tables2_row_template():
    """The row loop of tables2's bootstrap5 template, whitespace between tags removed."""
    source = (Path(tables.__file__).parent / "templates/django_tables2/bootstrap5.html").read_text()
    loop = source[source.index("{% for row in table.paginated_rows %}"):source.index("{% empty %}")]
    loop = re.sub(r"{% (end)?block [^%]*%}", "", loop)
    return "{% load django_tables2 l10n %}" + re.sub(r">\s+", ">", re.sub(r"\s+<", "<", loop)) + "{% endfor %}"


def tables2_body(table):
    table.context = Context({"table": table})
    return Template(tables2_row_template()).render(table.context)


def rows_of(html):
    return re.findall(r"<tr[^>]*>.*?</tr>", html, flags=re.S)


def assert_same_rows(make_table):
    """Two tables (each render counts its rows: even/odd) rendered both ways give the same rows."""
    expected, actual = tables2_body(make_table()), str(make_table().body_html())
    assert rows_of(actual) and rows_of(actual) == rows_of(expected)
    return actual


class EveryKindTable(BaseTable):
    student_number = tables.Column(linkify=("students:student_detail", {"pk": tables.A("pk")}))
    name = tables.Column()
    gender = tables.Column()  # choices: get_gender_display()
    major = tables.Column(accessor="major__name", verbose_name="专业",
                          linkify=lambda record: reverse("org:major_detail", kwargs={"pk": record.major_id}))
    college = tables.Column(accessor="major__college__name", verbose_name="学院", attrs={"td": {"class": "text-end"}})
    department = tables.Column(accessor="major__department__name", verbose_name="系别")  # None: "—"
    phone = tables.Column(default="无")  # "": the column's default
    graduation_year = tables.Column(attrs={"td": {"data-year": lambda value: value}})  # computed per cell
    enrolment_year = tables.Column(localize=True)
    created_at = tables.DateTimeColumn(format="Y-m-d H:i")
    reviewed_at = tables.DateTimeColumn(format="Y-m-d H:i", default="未审核")  # None
    submitted_at = LocalTimeColumn()
    birth_date = tables.DateColumn(format="Y年n月j日")
    is_active = tables.BooleanColumn(yesno="是,否")
    review_status = tables.Column()
    note = tables.TemplateColumn("{{ record.name }}（{{ value }}）", accessor="candidate_number")
    display = tables.Column(accessor="get_gender_display", verbose_name="性别（方法）")  # a callable: tables2's path
    badge = tables.Column(accessor="name", verbose_name="徽标", empty_values=())
    pending_changes = tables.Column()  # a dict

    class Meta(BaseTable.Meta):
        model = Student
        fields = ("pk", "student_number", "name", "gender", "major", "college", "department", "phone",
                  "graduation_year", "enrolment_year", "created_at", "reviewed_at", "submitted_at", "birth_date",
                  "is_active", "review_status", "note", "display", "badge", "pending_changes")

    def render_name(self, value, record):
        return format_html("<b>{}</b> {}", value, record.gender)

    def render_badge(self, record, bound_column, table):
        return format_html('<span title="{}">{}</span>', bound_column.name, table.__class__.__name__)


@pytest.fixture
def students(org):
    at = timezone.make_aware(datetime.datetime(2027, 1, 1, 7, 30), datetime.timezone.utc)  # 15:30 in Shanghai
    tricky = StudentFactory(major=org["majors"]["a1"], name='<script>alert("x")</script> & 张', phone="",
                            candidate_number="<i>", birth_date=datetime.date(2005, 3, 9), submitted_at=at,
                            pending_changes={"name": "新<名>"})
    Student.objects.filter(pk=tricky.pk).update(created_at=at)
    StudentFactory(major=org["majors"]["b1"], is_active=False, phone="138", review_status="pending")
    return Student.objects.select_related("major__college", "major__department").order_by("pk")


def test_every_column_kind_renders_as_tables2_would(students):
    html = assert_same_rows(lambda: EveryKindTable(students))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 张" in html
    assert "2027-01-01 15:30" in html  # Asia/Shanghai
    assert "未审核" in html and "—" in html and ">无<" in html
    assert reverse("students:student_detail", kwargs={"pk": students[0].pk}) in html


def test_pages_and_chosen_columns_render_as_tables2_would(students, rf):
    def table():
        made = EveryKindTable(students, columns=("name", "college", "created_at"))
        tables.RequestConfig(rf.get("/?page=2"), paginate={"per_page": 1}).configure(made)
        return made

    html = assert_same_rows(table)
    assert len(rows_of(html)) == 1 and html.count("<td") == 4  # the checkbox and the three chosen columns
    assert 'class="odd"' not in html  # each render counts its own rows


def test_values_rows_and_plain_lists_go_through_tables2(students):
    """Rows that are not model instances (values(), lists) take tables2's own path, cell by cell."""
    class Plain(tables.Table):
        name = tables.Column()
        graduation_year = tables.Column()

    class PlainTable(BaseTable, Plain):
        pass

    assert_same_rows(lambda: PlainTable(list(students.values("pk", "name", "graduation_year"))))
    assert_same_rows(lambda: PlainTable(students.values("pk", "name", "graduation_year")))


def test_a_link_is_reversed_once_per_page(students, monkeypatch):
    import careers.core.table_body as table_body

    calls = []
    real = table_body.reverse
    monkeypatch.setattr(table_body, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    table = EveryKindTable(students, columns=("student_number",))
    html = str(table.body_html())
    assert len(calls) == 1
    for student in students:
        assert f'href="{reverse("students:student_detail", kwargs={"pk": student.pk})}"' in html


def test_an_empty_page_says_there_is_nothing(client, school_admin):
    client.force_login(school_admin)
    html = client.get(reverse("org:college_list") + "?q=没有这个学院").content.decode()
    assert "没有符合条件的记录" in html


def test_missing_attributes_and_managers_resolve_as_in_tables2(students):
    """An accessor the record lacks is None (the default, or render_<name>(value=None)); a related manager is
    passed to render_<name> uncalled."""
    class Extra(BaseTable):
        nothing = tables.Column(verbose_name="无此属性")
        actions = tables.Column(empty_values=(), verbose_name="操作")
        history = tables.Column(empty_values=(), verbose_name="历史")
        count = tables.Column(accessor="graduation_year", verbose_name="整数")

        class Meta(BaseTable.Meta):
            model = Student
            fields = ("pk", "nothing", "actions", "history", "count")

        def render_actions(self, value, record):
            return format_html("<a>{}</a>", repr(value))

        def render_history(self, value):
            return type(value).__name__

    html = assert_same_rows(lambda: Extra(students))
    assert "<a>None</a>" in html and "HistoryManager" in html
