"""就业跟踪台账 list: latest-entry annotation, filters, scope, bounded queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.followup.models import LedgerStudent
from careers.followup.queries import ledger_queryset
from tests.factories import StudentFactory

from .conftest import entry, use_year

pytestmark = pytest.mark.django_db


def rows(client, **params):
    response = client.get(reverse("followup:ledgerstudent_list"), {"per_page": 200, **params})
    assert response.status_code == 200, response.content.decode()[:2000]
    return {row.record.name for row in response.context["table"].page.object_list}


def test_latest_entry_is_by_contact_date_then_entry_order(cohort):
    by_pk = {s.pk: s for s in ledger_queryset().filter(pk__in=[cohort[n].pk for n in (1, 3, 4)])}
    first, third, fourth = by_pk[cohort[1].pk], by_pk[cohort[3].pk], by_pk[cohort[4].pk]
    assert first.latest_situation == "signed" and first.latest_difficulties == []
    assert first.latest_contacted_on == datetime.date(2026, 10, 1)
    assert third.latest_situation == "study" and third.latest_difficulties == ["psychological"]
    assert third.latest_has_difficulty is True
    assert fourth.latest_situation is None and fourth.latest_contacted_on is None


def test_an_older_entry_entered_later_does_not_become_the_latest(cohort):
    entry(cohort[1], "2026-05-01", "seeking", ["poverty"])
    row = ledger_queryset().get(pk=cohort[1].pk)
    assert row.latest_situation == "signed"


def test_list_shows_operating_year_students_in_scope_only(client, college_admin, cohort):
    client.force_login(college_admin)
    use_year(client)
    names = rows(client)
    assert names == {cohort[n].name for n in (1, 2, 3, 4, 5, 6)}  # no b-majors, no inactive, no 2026
    body = client.get(reverse("followup:ledgerstudent_list"), {"per_page": 200}).content.decode()
    assert "已签约" in body and "签就业协议形式就业（已落实）" in body and "待审核" in body
    assert "家庭经济困难、残疾" in body


@pytest.mark.parametrize("params, expected", [
    ({"situation": "seeking"}, {2}),
    ({"situation": "none"}, {4, 6}),
    ({"difficulty": "any"}, {2, 3, 5}),
    ({"difficulty": "none"}, {1, 4, 6}),
    ({"difficulty": "d:poverty"}, {2}),
    ({"difficulty": "d:psychological"}, {3}),
    ({"employment": "placed"}, {1, 5}),
    ({"employment": "unplaced"}, {2, 3, 4, 6}),
])
def test_filters_on_the_latest_entry(client, college_admin, cohort, params, expected):
    client.force_login(college_admin)
    use_year(client)
    assert rows(client, **params) == {cohort[n].name for n in expected}


def test_not_contacted_in_n_days(client, college_admin, cohort):
    from django.utils import timezone

    today = timezone.localdate()
    entry(cohort[2], today.isoformat(), "seeking")
    client.force_login(college_admin)
    use_year(client)
    stale = rows(client, stale_days=3)
    assert cohort[2].name not in stale and {cohort[n].name for n in (1, 3, 4, 5, 6)} <= stale
    assert "确保该值大于或等于0" in client.get(reverse("followup:ledgerstudent_list"),
                                            {"stale_days": -1}).content.decode()


def test_college_major_level_and_keyword_filters(client, school_admin, cohort, org):
    client.force_login(school_admin)
    use_year(client)
    assert rows(client, major__college=org["college_b"].pk) == {cohort[7].name, cohort[8].name}
    assert rows(client, major=org["majors"]["a2"].pk) == {cohort[5].name, cohort[6].name}
    level = org["majors"]["a1"].education_level_id
    assert len(rows(client, major__education_level=level)) == 8
    assert rows(client, q=cohort[3].student_number) == {cohort[3].name}
    assert rows(client, q="甲一学生") == {cohort[n].name for n in (2, 3, 4)}


def test_batch_query_by_student_number(client, college_admin, cohort):
    client.force_login(college_admin)
    use_year(client)
    text = f"{cohort[2].student_number}\n{cohort[6].student_number}\n{cohort[7].student_number}"
    response = client.post(reverse("followup:ledger_batch"), {"batch_text": text, "query": "situation="})
    assert response.status_code == 302
    batch = response["Location"].split("batch=")[1]
    batch = batch.replace("%40", "@")
    assert rows(client, batch=batch) == {cohort[2].name, cohort[6].name}  # b1 out of scope
    body = client.get(reverse("followup:ledgerstudent_list"), {"batch": batch}).content.decode()
    assert "其中 <strong>1</strong> 个在当前条件和您管辖的范围内未找到" in body and cohort[7].student_number in body


def test_other_year_by_filter_and_inactive_never(client, school_admin, cohort):
    client.force_login(school_admin)
    assert rows(client, graduation_year=2026) == {"往届学生"}
    assert "休学学生" not in rows(client, graduation_year="")


def test_ledger_query_count_is_bounded(client, school_admin, cohort, org):
    client.force_login(school_admin)
    use_year(client)
    url = reverse("followup:ledgerstudent_list")
    client.get(url, {"per_page": 200})

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"per_page": 200}).status_code == 200
        return len(ctx)

    before = count()
    for i in range(20):
        student = StudentFactory(major=org["majors"]["a1"], name=f"加学生{i}")
        entry(student, "2026-10-01", "seeking", ["poverty"])
    assert count() == before <= 15


def test_proxy_is_the_student(cohort):
    assert LedgerStudent.objects.get(pk=cohort[1].pk).student_number == cohort[1].student_number
