"""生成统计表 at scale: the figures equal a student-by-student count, the page's queries are bounded, and the
专业 dropdown is a type-ahead when a school has hundreds of majors (issue 13)."""

import datetime
import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core import typeahead
from careers.employment.models import EmploymentRecord
from careers.employment.outcomes.placed import placed_destinations
from careers.followup.models import FollowUpEntry
from careers.followup.statistics import COUNT_KEYS, ledger_statistics
from careers.org.models import Major
from careers.students.models import Student
from tests.factories import StudentFactory, code

from .conftest import YEAR

pytestmark = pytest.mark.django_db

SITUATIONS = [c for c, _ in FollowUpEntry.Situation.choices]
DIFFICULTIES = [c for c, _ in FollowUpEntry.Difficulty.choices]


@pytest.fixture
def mixed(org):
    """Twelve students over the four majors with random entries (several per student, same-day ties) and
    destinations; seeded, so a failure reproduces."""
    rng = random.Random(13)
    majors = list(org["majors"].values())
    students = list(org["students"].values()) + [StudentFactory(major=majors[i % 4], name=f"混合学生{i}")
                                                 for i in range(8)]
    destinations = ["10", "11", "70", "801", None]
    for student in students:
        for _ in range(rng.randint(0, 3)):
            FollowUpEntry.objects.create(
                student=student, contacted_on=datetime.date(2026, 10, rng.randint(1, 3)),
                situation=rng.choice(SITUATIONS), difficulties=rng.sample(DIFFICULTIES, rng.randint(0, 2)))
        destination = rng.choice(destinations)
        if destination:
            EmploymentRecord.objects.filter(student=student).update(destination=code("destination", destination),
                                                                    review_status="approved")
    return students


def by_hand(students):
    """{major id: counts} counted one student at a time, the way the page defines them."""
    placed = set(placed_destinations().values_list("pk", flat=True))
    result = {}
    for student in Student.objects.filter(pk__in=[s.pk for s in students], graduation_year=YEAR, is_active=True):
        counts = result.setdefault(student.major_id, dict.fromkeys(COUNT_KEYS, 0))
        counts["graduates"] += 1
        latest = FollowUpEntry.objects.filter(student=student).order_by("-contacted_on", "-pk").first()
        if latest is None:
            counts["not_contacted"] += 1
        else:
            counts["contacted"] += 1
            counts[f"s:{latest.situation}"] += 1
            if latest.difficulties:
                counts["difficulty"] += 1
                for item in latest.difficulties:
                    counts[f"d:{item}"] += 1
        record = EmploymentRecord.objects.filter(student=student).first()
        if record is not None and record.destination_id in placed:
            counts["placed"] += 1
    return result


def test_live_figures_equal_a_student_by_student_count(school_admin, college_admin, mixed, org):
    expected = by_hand(mixed)
    stats = ledger_statistics(school_admin, YEAR)
    shown = {Major.objects.get(name=r.major, college__name=r.college).pk: r.counts
             for r in stats.rows if r.kind == "major"}
    assert shown == expected
    managed = {m.pk for m in (org["majors"]["a1"], org["majors"]["a2"])}
    college = ledger_statistics(college_admin, YEAR)
    assert {r.major for r in college.rows} == {"甲专业一", "甲专业二"}
    assert college.total.counts == {key: sum(c[key] for pk, c in expected.items() if pk in managed)
                                    for key in COUNT_KEYS}


def test_page_queries_do_not_grow_with_majors(client, school_admin, cohort, org):
    client.force_login(school_admin)
    url = reverse("followup:statistics")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, {"graduation_year": YEAR}).status_code == 200
    extra = [Major(name=f"扩充专业{i}", major_code="080901", college=org["college_a"],
                   campus=org["majors"]["a1"].campus, education_level=org["majors"]["a1"].education_level,
                   duration=org["majors"]["a1"].duration, discipline=org["majors"]["a1"].discipline)
             for i in range(typeahead.LIMIT + 1)]
    Major.objects.bulk_create(extra)
    for major in extra[:30]:
        StudentFactory(major=major)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, {"graduation_year": YEAR})
    body = response.content.decode()
    assert len(large) == len(small) <= 12
    # 专业: a type-ahead (no option per major), 学院 and 学历 ordinary dropdowns
    assert body.count("扩充专业") == 30 and "data-typeahead" in body
    assert 'id="s-major"' in body and 'id="s-college"' in body and 'id="s-level"' in body
    assert "（空）" not in body
    # the type-ahead answers from the same scoped list
    token_url = re.search(r'data-typeahead="([^"]+)"', body).group(1).replace("&amp;", "&")
    answer = client.get(token_url + "&q=扩充专业1")
    assert answer.status_code == 200, answer.content.decode()
    found = answer.json()["results"]
    assert found and all("扩充专业1" in r["text"] for r in found)


def test_chosen_major_survives_the_typeahead_and_out_of_scope_is_not_shown(client, college_admin, cohort, org):
    client.force_login(college_admin)
    url = reverse("followup:statistics")
    body = client.get(url, {"graduation_year": YEAR, "major": org["majors"]["a2"].pk}).content.decode()
    assert f'<option value="{org["majors"]["a2"].pk}" selected>' in body
    body = client.get(url, {"graduation_year": YEAR, "major": org["majors"]["b1"].pk}).content.decode()
    assert "乙专业一" not in body
