"""A small 2027 cohort with follow-up entries and employment records whose figures are known by hand."""

import datetime

import pytest

from careers.employment.models import EmploymentRecord
from careers.followup.models import FollowUpEntry
from tests.factories import StudentFactory, code

YEAR = 2027


def entry(student, day, situation, difficulties=(), **extra):
    return FollowUpEntry.objects.create(student=student, contacted_on=datetime.date.fromisoformat(day),
                                        situation=situation, difficulties=list(difficulties), **extra)


def employ(student, destination, status="approved"):
    """An approved destination, or a student's report still waiting in pending_changes."""
    if status == "pending":
        EmploymentRecord.objects.filter(student=student).update(
            pending_changes={"destination": code("destination", destination).pk}, review_status=status)
        return
    EmploymentRecord.objects.filter(student=student).update(destination=code("destination", destination),
                                                            review_status=status)


def use_year(client, year=YEAR):
    session = client.session
    session["operating_year"] = year
    session.save()


@pytest.fixture
def cohort(org):
    """a1: s1-s4, a2: s5-s6, b1: s7, b2: s8 (org's own students are s1, s5, s7, s8); plus two that never count."""
    m = org["majors"]
    s = {1: org["students"]["a1"], 5: org["students"]["a2"], 7: org["students"]["b1"], 8: org["students"]["b2"]}
    for n in (2, 3, 4):
        s[n] = StudentFactory(major=m["a1"], name=f"甲一学生{n}")
    s[6] = StudentFactory(major=m["a2"], name="甲二学生6")
    # never counted: inactive, and another graduation year
    inactive = StudentFactory(major=m["a1"], name="休学学生", is_active=False)
    other_year = StudentFactory(major=m["a1"], name="往届学生", graduation_year=2026, enrolment_year=2022)
    entry(inactive, "2026-10-01", "seeking", ["poverty"])
    entry(other_year, "2026-03-01", "seeking", ["poverty"])
    employ(other_year, "10")

    entry(s[1], "2026-09-01", "seeking", ["poverty"])
    entry(s[1], "2026-10-01", "signed")
    entry(s[2], "2026-10-05", "seeking", ["poverty", "disability"])
    entry(s[3], "2026-10-05", "unreachable")
    entry(s[3], "2026-10-05", "study", ["psychological"])  # same day, entered later: the latest
    entry(s[5], "2026-08-01", "civil_service", ["subsistence"])
    entry(s[7], "2026-10-01", "seeking", ["poverty"])
    employ(s[1], "10")
    employ(s[2], "10", status="pending")  # not reviewed: does not count
    employ(s[3], "70")  # 待就业: approved but not placed
    employ(s[5], "801")  # 升学 counts toward the rate
    employ(s[7], "11")
    return s
