import html

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from careers.codes.models import Code
from careers.core.batch import BatchReportMixin
from careers.core.tables import PK_MARK, FastRowsTable

from ..models import Student

# Row menu: (label, URL name taking pk, permission, icon). Items whose URL is not
# registered (yet) or whose permission the user lacks are left out.
ROW_ACTIONS = (
    ("查看详情", "students:student_detail", "students.student.view", "bi-card-text"),
    ("修改 / 审核", "students:student_edit", "students.student.change", "bi-pencil"),
    ("学籍管理", "students:student_status", "students.student.status", "bi-arrow-left-right"),
    ("转移数据", "students:student_transfer", "students.student.transfer", "bi-box-arrow-right"),
    ("会员管理", "students:account_edit", "students.account.change", "bi-person-badge"),
    ("学生信息汇总", "students:student_summary", "students.summary.view", "bi-card-list"),
)
# POST-only actions (they change the session or data): rendered as a small form in the menu.
ROW_POST_ACTIONS = (
    ("进入学生账户", "students:account_impersonate", "students.account.impersonate", "bi-box-arrow-in-right"),
)
CODE_FIELDS = {"ethnicity", "political_status", "origin_region", "training_mode"}
# Code columns of the list: their names come from one query per page (no joins to the code table).
PAGE_CODE_COLUMNS = {"origin_region": "origin_region_id", "ethnicity": "ethnicity_id",
                     "political_status": "political_status_id", "enrolment_status": "enrolment_status_id"}
# What the list's rows read (StudentListView loads only these): a new column must add its fields here.
# The review fields are there for the 数据状态 tooltip (old → new of a pending change).
LIST_FIELDS = ("student_number", "name", "gender", "graduation_year", "review_status", "pending_changes", "is_active",
               *Student.REVIEW_FIELDS, "enrolment_status", "major__name", "major__specialization",
               "major__education_level__name", "major__college__name")
REVIEW_STYLES = {"pending": "text-bg-warning", "rejected": "text-bg-danger"}


GENDERS = dict(Student.Gender.choices)
REVIEW_LABELS = dict(Student.ReviewStatus.choices)


def url_exists(name):
    try:
        reverse(name, kwargs={"pk": 1})
    except NoReverseMatch:
        return False
    return True


class ActionsColumn(tables.Column):
    empty_values = ()

    def __init__(self, **kwargs):
        super().__init__(verbose_name="操作", orderable=False, **kwargs)


class StudentTable(BatchReportMixin, FastRowsTable):
    student_number = tables.Column(linkify=("students:student_detail", {"pk": tables.A("pk")}))
    name = tables.Column()
    gender = tables.Column()
    graduation_year = tables.Column()
    education_level = tables.Column(accessor="major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="major__college__name", verbose_name="学院")
    major = tables.Column(accessor="major", verbose_name="专业", order_by=("major__name", "major__specialization"))
    origin_region = tables.Column(accessor="origin_region__name", verbose_name="生源地")
    ethnicity = tables.Column(accessor="ethnicity__name", verbose_name="民族")
    political_status = tables.Column(accessor="political_status__name", verbose_name="政治面貌")
    phone = tables.Column()
    review_status = tables.Column()
    enrolment_status = tables.Column(accessor="enrolment_status__name", verbose_name="学籍状态")
    actions = ActionsColumn()

    class Meta(FastRowsTable.Meta):
        model = Student
        template_name = "core/table_prerendered.html"
        fields = ("pk", "student_number", "name", "gender", "graduation_year", "education_level", "college", "major",
                  "origin_region", "ethnicity", "political_status", "phone", "review_status", "enrolment_status",
                  "actions")

    def allowed(self, actions):
        user = self.user
        return [(label, name, icon) for label, name, perm, icon in actions
                if user is not None and user.has_permission(perm) and url_exists(name)]

    @cached_property
    def row_actions(self):
        return self.allowed(ROW_ACTIONS)

    @cached_property
    def row_post_actions(self):
        return self.allowed(ROW_POST_ACTIONS) if getattr(self, "request", None) is not None else []

    @cached_property
    def csrf_token(self):
        return get_token(self.request)

    @cached_property
    def code_names(self):
        """Names of every code on this page (row values and pending changes): one query per page."""
        pks = set()
        for record in self.page_records():
            pks.update(getattr(record, attname) for attname in (*PAGE_CODE_COLUMNS.values(), "training_mode_id"))
            pks.update(value for name, value in (record.pending_changes or {}).items()
                       if name in CODE_FIELDS and isinstance(value, int))
        pks.discard(None)
        return dict(Code.objects.filter(pk__in=pks).values_list("pk", "name")) if pks else {}

    def code_name(self, record, name):
        pk = getattr(record, PAGE_CODE_COLUMNS.get(name) or f"{name}_id")
        return self.code_names.get(pk, "") if pk else ""

    # -- rows (FastRowsTable: at 50-200 rows x 16 columns tables2's cell path costs more than the page's queries)
    def cell(self, name, record):
        if name == "pk":
            number = html.escape(record.student_number)
            return SafeString(f'<input type="checkbox" name="pk" value="{record.pk}" class="form-check-input" '
                              f'form="bulk-form" aria-label="选择 {number}">')
        if name == "student_number":
            return SafeString(f'<a href="{self.detail_url.replace(PK_MARK, str(record.pk))}">'
                              f'{html.escape(record.student_number)}</a>')
        if name == "review_status":
            return self.review_badge(record)
        if name == "actions":
            return mark_safe(self.actions_menu_html.replace(PK_MARK, str(record.pk)))  # noqa: S308 - escaped once
        if name == "gender":
            return GENDERS.get(record.gender, record.gender)
        if name == "major":
            return str(record.major)
        if name in PAGE_CODE_COLUMNS:
            return self.code_name(record, name) or "—"
        return super().cell(name, record)

    @cached_property
    def detail_url(self):
        return reverse("students:student_detail", kwargs={"pk": PK_MARK})

    def review_badge(self, record):
        """数据状态; on hover, the pending key changes old → new."""
        style = REVIEW_STYLES.get(record.review_status, "text-bg-light border")
        label = REVIEW_LABELS.get(record.review_status, record.review_status)
        changes = self.pending_lines(record) if record.pending_changes else ()
        if not changes:
            return SafeString(f'<span class="badge {style}">{html.escape(label)}</span>')
        return format_html('<span class="badge {}" tabindex="0" data-bs-toggle="tooltip" data-bs-html="true" '
                           'data-bs-placement="left" title="{}">{} <i class="bi bi-info-circle"></i></span>',
                           style, "<br>".join(changes), label)

    @cached_property
    def actions_menu_html(self):
        """The row menu with PK_MARK for the row's pk: built once per page, not per row."""
        links, posts = self.row_actions, self.row_post_actions
        if not links and not posts:
            return ""
        items = format_html_join("", '<li><a class="dropdown-item" href="{}"><i class="bi {}"></i> {}</a></li>',
                                 ((reverse(name, kwargs={"pk": PK_MARK}), icon, label) for label, name, icon in links))
        forms = format_html_join(
            "", '<li><form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<button class="dropdown-item"><i class="bi {}"></i> {}</button></form></li>',
            ((reverse(name, kwargs={"pk": PK_MARK}), self.csrf_token, icon, label) for label, name, icon in posts))
        return str(format_html('<div class="dropdown"><button class="btn btn-outline-secondary btn-sm dropdown-toggle" '
                               'type="button" data-bs-toggle="dropdown" aria-expanded="false">操作</button>'
                               '<ul class="dropdown-menu dropdown-menu-end">{}{}</ul></div>', items, forms))

    def pending_lines(self, record):
        lines = []
        for name, new in (record.pending_changes or {}).items():
            try:
                field = Student._meta.get_field(name)
            except FieldDoesNotExist:  # a field removed since the change was submitted
                continue
            if name in CODE_FIELDS:
                old = self.code_name(record, name)
                new = self.code_names.get(new, new)
            else:
                old = getattr(record, name, "")
            lines.append(f"{escape(field.verbose_name)}：{escape(old or '（空）')} → {escape(new or '（空）')}")
        return lines
