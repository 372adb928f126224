"""学生信息汇总: one page per student with everything the system knows about them."""

import datetime

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careers.codes.models import Code
from careers.core.display import display_value
from careers.core.scoping import scope_filter
from careers.core.views import generic
from careers.org.models import Major

from ..models import Student
from .filtersets import StudentSummaryFilterSet
from .tables import StudentSummaryTable

SUMMARY_PERMISSION = "students.summary.view"
BOOKKEEPING = {"id", "student", "created_at", "updated_at", "pending_changes", "password"}

summary_students = Student.objects.select_related(
    "major__education_level", "major__college", "major__campus", "major__department", "major__duration",
    "enrolment_status", "ethnicity", "political_status", "origin_region", "training_mode", "user")

# The list loads only what StudentSummaryTable shows: the detail's eleven joins cost 45 ms of planning per page,
# and for a college admin PostgreSQL joined them for the whole year before applying the scope (270 ms).
summary_list_students = Student.objects.select_related(
    "major__education_level", "major__college", "enrolment_status").only(
    "student_number", "name", "gender", "graduation_year", "review_status", "major__name",
    "major__education_level__name", "major__college__name", "enrolment_status__name")

# Records other apps keep per student: (app, section title, reverse accessor, many?, list URL name).
OPTIONAL_SECTIONS = [
    ("careers.studentfiles", "资料图库", "images", True, "studentfiles:studentimage_list"),
    ("careers.studentfiles", "档案信息", "archive", False, "studentfiles:archiverecord_list"),
    ("careers.resumes", "学生简历", "resumes", True, "resumes:resume_list"),
]


class SummaryScopeMixin:
    """Reading the summary needs its own menu permission, then the usual managed-majors scope."""

    def restricted(self, action):
        self.require(SUMMARY_PERMISSION)
        return scope_filter(self.queryset.all(), self.request.user)


class SummaryListView(SummaryScopeMixin, generic.ObjectListView):
    queryset = summary_list_students
    filterset = StudentSummaryFilterSet
    table = StudentSummaryTable
    actions = ()

    def base_context(self):
        return {**super().base_context(), "verbose_name": "学生信息汇总"}

    def table_key(self):
        return "tables.StudentSummaryTable"


def field_rows(obj, skip=()):
    """(label, display value) for every concrete field of `obj` but bookkeeping."""
    rows = []
    for field in obj._meta.concrete_fields:
        if field.name in BOOKKEEPING or field.name in skip or field.name.endswith("_ptr"):
            continue
        value = display_value(obj, field)  # files: “无” or a link to the authorised download view, never .url
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        rows.append((str(field.verbose_name), value))
    return rows


def related_record(student, accessor):
    try:
        return getattr(student, accessor)
    except ObjectDoesNotExist:
        return None


def history_rows(student, limit=50):
    """The record's own change history (admins, the student, imports), newest first, field by field."""
    skip = {"created_at", "updated_at", "user", "pending_changes", "submitted_at", "reviewed_at"}
    fields = [f for f in Student._meta.concrete_fields if f.name not in skip]
    records = list(student.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit + 1])
    code_ids, major_ids = set(), set()
    for record in records:
        for field in fields:
            if field.is_relation:
                value = getattr(record, field.attname)
                (major_ids if field.related_model is Major else code_ids).add(value)
    names = {("code", pk): str(c) for pk, c in Code.objects.in_bulk([i for i in code_ids if i]).items()}
    names.update({("major", pk): str(m) for pk, m in Major.objects.in_bulk([i for i in major_ids if i]).items()})

    def show(field, value):
        if value in (None, ""):
            return ""
        if field.is_relation:
            return names.get(("major" if field.related_model is Major else "code", value), str(value))
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "是" if value else "否"
        return str(value)

    rows = []
    for record, previous in zip(records, records[1:] + [None]):
        if len(rows) == limit:
            break
        changes = []
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if previous is None and record.history_type == "+":
                continue
            if previous is not None and old != new:
                changes.append((str(field.verbose_name), show(field, old), show(field, new)))
        rows.append({"record": record, "changes": changes,
                     "actor": str(record.history_user) if record.history_user_id else "系统/学生本人"})
    return rows


def optional_url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


class StudentSummaryView(SummaryScopeMixin, generic.ObjectView):
    queryset = summary_students
    template_name = "students/summary_student.html"

    def get_extra_context(self, student):
        user = self.request.user
        sections = []
        for app, title, accessor, many, list_name in OPTIONAL_SECTIONS:
            if not apps.is_installed(app) or not hasattr(Student, accessor):
                continue
            if many:
                items = list(getattr(student, accessor).all()[:50])
            else:
                item = related_record(student, accessor)
                items = [item] if item is not None else []
            sections.append({"title": title, "items": [(str(i), field_rows(i)) for i in items],
                             "list_url": optional_url(list_name)})
        can = user.has_permission
        dispatch, employment = related_record(student, "dispatch"), related_record(student, "employment")
        return {
            "fields": field_rows(student, skip={"user", "photo"}),
            "account": student.user,
            "status_changes": student.status_changes.select_related("from_status", "to_status", "changed_by"),
            "transfers": student.transfers.select_related("from_major", "to_major", "requested_by", "decided_by"),
            "record_history": history_rows(student),
            "dispatch": dispatch, "dispatch_rows": field_rows(dispatch, skip={"pending_changes"}) if dispatch else [],
            "employment": employment, "employment_rows": field_rows(employment, skip={"pending_changes"}) if employment else [],
            "sections": sections,
            "pending": [str(Student._meta.get_field(k).verbose_name) for k in student.pending_changes
                        if k in Student.SELF_SERVICE_FIELDS],
            "edit_url": reverse("students:student_edit", kwargs={"pk": student.pk})
            if can("students.student.change") else None,
            "delete_url": None,
            "status_url": reverse("students:student_status", kwargs={"pk": student.pk})
            if can("students.student.status") else None,
            "transfer_url": reverse("students:student_transfer", kwargs={"pk": student.pk})
            if can("students.student.transfer") else None,
        }
