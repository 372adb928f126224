"""Tables of the 就业信息 list and the 未就业名单."""

import datetime

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html

from careers.core.tables import PK_MARK, FastRowsTable
from careers.students.models import Student

from . import unemployed
from .models import EmploymentRecord

REVIEW_STYLES = {"pending": "text-bg-warning", "rejected": "text-bg-danger", "approved": "text-bg-success"}


class RenderedRowsTable(FastRowsTable):
    """FastRowsTable whose columns with a `render_<name>(value, record)` use it; the others show the accessor's
    value ("—" when empty), dates as YYYY-MM-DD."""

    def cell(self, name, record):
        if name == "pk":
            return format_html('<input type="checkbox" name="pk" value="{}" class="form-check-input" form="bulk-form" '
                               'aria-label="选择">', record.pk)
        value = self.accessor_value(name, record)
        render = getattr(self, f"render_{name}", None)
        if render is not None:
            return render(value=value, record=record)
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%Y-%m-%d") if timezone.is_aware(value) else \
                value.strftime("%Y-%m-%d")
        if isinstance(value, datetime.date):
            return value.isoformat()
        return "—" if value in (None, "") else value


def review_badge(record):
    style = REVIEW_STYLES.get(record.review_status, "text-bg-light border")
    return format_html('<span class="badge {}">{}</span>', style, record.get_review_status_display())


class EmploymentRecordTable(RenderedRowsTable):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    gender = tables.Column(accessor="student__gender", verbose_name="性别")
    graduation_year = tables.Column(accessor="student__graduation_year", verbose_name="毕业年份")
    education_level = tables.Column(accessor="student__major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    destination = tables.Column(accessor="destination__name", verbose_name="毕业去向",
                                order_by=("destination__sort",))
    category = tables.Column(accessor="destination__extra", verbose_name="去向类别", orderable=False)
    employer_name = tables.Column()
    employer_credit_code = tables.Column()
    employer_nature = tables.Column(accessor="employer_nature__name", verbose_name="单位性质")
    employer_industry = tables.Column(accessor="employer_industry__name", verbose_name="单位行业")
    employer_region = tables.Column(accessor="employer_region__name", verbose_name="单位所在地")
    placed_on = tables.DateColumn(format="Y-m-d")
    review_status = tables.Column()
    reviewed_at = tables.DateTimeColumn(format="Y-m-d")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    NOWRAP = ("student_number", "name", "placed_on", "review_status", "reviewed_at", "actions")

    class Meta(FastRowsTable.Meta):
        model = EmploymentRecord
        template_name = "core/table_prerendered.html"
        fields = ("pk", "student_number", "name", "gender", "graduation_year", "education_level", "college", "major",
                  "destination", "category", "employer_name", "employer_credit_code", "employer_nature",
                  "employer_industry", "employer_region", "placed_on", "review_status", "reviewed_at", "actions")
        default_columns = ("student_number", "name", "college", "major", "destination", "employer_name",
                           "placed_on", "review_status", "reviewed_at", "actions")

    @cached_property
    def edit_url(self):
        return reverse("employment:employmentrecord_edit", kwargs={"pk": PK_MARK})

    # Code columns are named from one query per page instead of a join per code table (see outcomes/views.py).
    CODE_COLUMNS = {"destination": "destination_id", "category": "destination_id",
                    "employer_nature": "employer_nature_id", "employer_industry": "employer_industry_id",
                    "employer_region": "employer_region_id"}

    def prepare_rows(self, names, records):
        from careers.codes.models import Code

        shown = set(names) & set(self.CODE_COLUMNS)
        ids = {getattr(r, self.CODE_COLUMNS[name]) for r in records for name in shown} - {None}
        self.codes = {pk: (name, extra) for pk, name, extra in
                      Code.objects.filter(pk__in=ids).values_list("pk", "name", "extra")} if ids else {}

    def cell(self, name, record):
        if name in self.CODE_COLUMNS:
            name_, extra = self.codes.get(getattr(record, self.CODE_COLUMNS[name]), (None, None))
            value = (extra or {}).get("category") if name == "category" else name_
            return "—" if value in (None, "") else value
        return super().cell(name, record)

    def render_student_number(self, value, record):
        return format_html('<a href="{}">{}</a>', self.edit_url.replace(PK_MARK, str(record.pk)), value)

    def render_gender(self, value, record):
        return record.student.get_gender_display()

    def render_category(self, value, record):
        return (value or {}).get("category", "—")

    def render_review_status(self, value, record):
        return review_badge(record)

    def render_actions(self, value, record):
        label = "审核" if record.review_status == "pending" else "编辑"
        style = "btn-warning" if label == "审核" else "btn-outline-primary"
        return format_html('<a class="btn {} btn-sm py-0" href="{}">{}</a>', style,
                           self.edit_url.replace(PK_MARK, str(record.pk)), label)


class UnemployedTable(RenderedRowsTable):
    student_number = tables.Column(verbose_name="学号")
    name = tables.Column()
    gender = tables.Column()
    graduation_year = tables.Column()
    education_level = tables.Column(accessor="major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="major__college__name", verbose_name="学院")
    major = tables.Column(accessor="major__name", verbose_name="专业")
    phone = tables.Column()
    destination = tables.Column(accessor="employment__destination__name", verbose_name="毕业去向",
                                default="—", orderable=False)
    reason = tables.Column(empty_values=(), orderable=False, verbose_name="原因")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    NOWRAP = ("student_number", "name", "actions")

    class Meta(FastRowsTable.Meta):
        model = Student
        template_name = "core/table_prerendered.html"
        fields = ("pk", "student_number", "name", "gender", "graduation_year", "education_level", "college", "major",
                  "phone", "destination", "reason", "actions")

    def render_gender(self, value, record):
        return record.get_gender_display()

    def render_reason(self, value, record):
        return unemployed.reason(record)

    def render_actions(self, value, record):
        employment = unemployed.employment_of(record)
        if employment is None:
            return "—"
        url = reverse("employment:employmentrecord_edit", kwargs={"pk": PK_MARK}).replace(PK_MARK, str(employment.pk))
        return format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">就业信息</a>', url)
