"""Demo employment records: realistic, valid under their templates, idempotent."""

import random

import pytest

from careers.core.demo import build_demo
from careers.core.review import ReviewStatus
from careers.employment.outcomes.demo import seed_employment
from careers.core.scoping import SYSTEM
from careers.employment.outcomes.employers import lookup_employers
from careers.employment.models import EmploymentRecord
from careers.employment.outcomes.templates_fill import clean_employment

pytestmark = pytest.mark.django_db


def test_demo_records_are_valid_and_idempotent():
    build_demo(students_per_year=200)
    first = EmploymentRecord.objects.filter(student__graduation_year=2026)
    approved = first.filter(review_status=ReviewStatus.APPROVED, destination__extra__counts_as_placed="1").count()
    assert 0.45 * first.count() <= approved <= 0.75 * first.count()
    assert first.filter(review_status=ReviewStatus.PENDING).exists()
    assert first.filter(review_status=ReviewStatus.REJECTED).exists()
    for record in first.exclude(destination=None).select_related("student"):
        clean_employment(record)  # every seeded record fits its template
    for record in first.filter(review_status=ReviewStatus.PENDING).select_related("student"):
        probe = EmploymentRecord(student=record.student)
        from careers.core.review import apply_values

        apply_values(probe, record.pending_changes)
        clean_employment(probe)  # and every pending report could be approved as is
    assert lookup_employers("星辰", user=SYSTEM)[0].credit_code  # the registered demo employer with its records
    assert seed_employment(random.Random(1), [2026, 2027]) == 0  # already seeded: nothing changes
