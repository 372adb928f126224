"""The ledger's querysets: a student's latest entry and employment status as annotations.

The latest entry is found with a correlated subquery per student (served by the index
`followup_latest_idx`), so a page, a filter or the statistics never load entries row by row.
"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from careers.core.review import ReviewStatus
from careers.core.scoping import scope_filter
from careers.employment.outcomes.placed import placed_q

from .models import FollowUpEntry, LedgerStudent

LATEST_FIELDS = {
    "latest_situation": "situation",
    "latest_contacted_on": "contacted_on",
    "latest_difficulties": "difficulties",
    "latest_has_difficulty": "has_difficulty",
    "latest_next_contact_on": "next_contact_on",
}


def latest_entry(field, student_ref="pk"):
    """The value of `field` on the student's latest entry (contact date, then entry order)."""
    entries = FollowUpEntry.objects.filter(student=OuterRef(student_ref)).order_by("-contacted_on", "-pk")
    return Subquery(entries.values(field)[:1])


def with_latest_entry(queryset, fields=None):
    names = fields or LATEST_FIELDS
    return queryset.annotate(**{name: latest_entry(LATEST_FIELDS[name]) for name in names})


def placed_condition(prefix="employment__", codes=None):
    """A reviewed destination that counts toward the placement rate (careers/employment/outcomes/placed.py);
    `codes`: the placed destination pks to inline instead of a subquery."""
    return placed_q(prefix, codes=codes)


def with_employment(queryset):
    """employment_status (review status), destination_name and placed (bool) from the student's record."""
    return queryset.annotate(
        employment_status=F("employment__review_status"),
        destination_name=F("employment__destination__name"),
        placed=Case(When(placed_condition(), then=Value(True)), default=Value(False), output_field=BooleanField()),
    )


def ledger_queryset():
    """Every 在读 student with their latest entry and employment status (restrict/scope it before use)."""
    base = LedgerStudent.objects.filter(is_active=True).select_related("major__college", "major__education_level")
    return with_employment(with_latest_entry(base))


def entry_count():
    entries = (FollowUpEntry.objects.filter(student=OuterRef("pk")).order_by().values("student")
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(entries), 0)


def export_queryset():
    """The ledger rows plus the rest of the latest entry, for 导出学生详细数据."""
    return ledger_queryset().annotate(
        latest_method=latest_entry("method"), latest_help_given=latest_entry("help_given"),
        latest_next_step=latest_entry("next_step"), latest_recorded_by=latest_entry("recorded_by__name"),
        entry_count=entry_count(), employer_name=F("employment__employer_name"),
    ).select_related("major__college", "major__education_level", "major__campus")


def cohort(user, year):
    """The 在读 students of graduation `year` within the user's managed majors."""
    return scope_filter(LedgerStudent.objects.filter(graduation_year=year, is_active=True), user)


def employment_label(status, destination, placed):
    """How the employment column reads: a reviewed destination counts, even while a newer report waits."""
    if destination:
        return f"{destination}（{'已落实' if placed else '未落实'}）" + ("，有待审核的填报" if status == ReviewStatus.PENDING else "")
    if status == ReviewStatus.PENDING:
        return "待审核"
    if status == ReviewStatus.REJECTED:
        return "审核未通过"
    return "未填报"
