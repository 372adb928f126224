"""The 派遣信息 list and export, the 主管单位库 and its type-ahead lookup."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.employment.dispatch import actions
from careers.employment.models import DispatchRecord, SupervisingAuthority
from tests.employment.dispatch_support import authorities, authority, employer_report, initialised  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = "/employment/dispatch/"


def listed(client, **params):
    response = client.get(LIST, {"per_page": 200, **params})
    assert response.status_code == 200
    return {row.record.pk for row in response.context["table"].page.object_list}


def test_list_is_scoped_and_defaults_to_the_operating_year(client, org, college_admin, initialised):
    client.force_login(college_admin)
    session = client.session
    session["operating_year"] = 2027
    session.save()
    assert listed(client) == {initialised["a1"].pk, initialised["a2"].pk}
    session["operating_year"] = 2026
    session.save()
    assert listed(client) == set()
    assert listed(client, student__graduation_year="") == {initialised["a1"].pk, initialised["a2"].pk}


def test_list_filters(client, org, school_admin, initialised):
    client.force_login(school_admin)
    a1, a2, b1 = initialised["a1"], initialised["a2"], initialised["b1"]
    employer_report(a2)
    actions.admin_update(b1, {"kind": "none", "receiving_unit": ""}, acting_user=school_admin)
    base = {"student__graduation_year": "2027"}
    assert listed(client, **base, q=org["students"]["a1"].student_number) == {a1.pk}
    assert listed(client, **base, q=org["students"]["a1"].name) == {a1.pk}
    assert listed(client, **base, review_status="pending") == {a2.pk}
    assert listed(client, **base, kind="none") == {b1.pk}
    assert listed(client, **base, college=org["college_b"].pk) == {b1.pk, initialised["b2"].pk}
    assert listed(client, **base, major=org["majors"]["a2"].pk) == {a2.pk}
    today = timezone.localdate().isoformat()
    assert listed(client, **base, reviewed_from=today, reviewed_to=today) == {b1.pk}
    assert listed(client, **base, reviewed_to="2000-01-01") == set()
    body = client.get(LIST, {**base, "reviewed_from": "2027-02-01", "reviewed_to": "2027-01-01"}).content.decode()
    assert "审核时间止不能早于审核时间起" in body


def test_batch_list(client, org, school_admin, initialised):
    client.force_login(school_admin)
    numbers = [org["students"]["a1"].student_number, org["students"]["b2"].name]
    response = client.post(reverse("employment:dispatchrecord_batch"),
                           {"batch_text": "\n".join(numbers), "query": "student__graduation_year=2027"})
    assert response.status_code == 302 and "batch=%40" in response["Location"]
    response = client.get(response["Location"] + "&per_page=200")
    assert {row.record.pk for row in response.context["table"].page.object_list} == {
        initialised["a1"].pk, initialised["b2"].pk}


def test_inactive_students_are_left_out_unless_asked(client, org, school_admin, initialised):
    from careers.students.models import Student

    Student.objects.filter(pk=org["students"]["a1"].pk).update(is_active=False)
    client.force_login(school_admin)
    assert initialised["a1"].pk not in listed(client, student__graduation_year="2027")
    assert listed(client, student__graduation_year="2027", other="inactive") == {initialised["a1"].pk}


def test_list_offers_the_bulk_actions(client, school_admin, initialised):
    client.force_login(school_admin)
    body = client.get(LIST).content.decode()
    assert "批量审核" in body and "初始化派遣信息" in body and "导出数据" in body
    assert reverse("employment:dispatchrecord_edit", kwargs={"pk": initialised["a1"].pk}) in body


def export(client, query, fields):
    response = client.post(reverse("employment:dispatchrecord_export") + "?" + query,
                           {"format": "csv", "fields_chosen": fields})
    assert response.status_code == 200, response.content[:500]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_export_has_only_in_scope_rows_and_the_chosen_fields(client, org, college_admin, initialised):
    client.force_login(college_admin)
    rows = export(client, "student__graduation_year=", ["student_number", "receiving_unit", "supervising_authority",
                                                       "receiving_region_code", "kind"])
    assert rows[0] == ["学号", "派遣类别", "报到证签往单位", "签往单位所在地代码", "主管单位"]  # in list order
    numbers = {r[0] for r in rows[1:]}
    assert numbers == {org["students"]["a1"].student_number, org["students"]["a2"].student_number}
    first = next(r for r in rows[1:] if r[0] == org["students"]["a1"].student_number)
    assert first[1:] == ["回生源地", "广州市人力资源和社会保障局", "440106", "广州市人力资源和社会保障局"]


def test_export_by_review_time_range(client, org, school_admin, initialised):
    """The manual's tip: query by 审核时间, then export just that period."""
    client.force_login(school_admin)
    actions.admin_update(initialised["b1"], {"note": "已核对"}, acting_user=school_admin)
    DispatchRecord.objects.filter(pk=initialised["a1"].pk).update(
        review_status="approved", reviewed_at=timezone.make_aware(timezone.datetime(2026, 6, 1, 10)))
    today = timezone.localdate().isoformat()
    rows = export(client, f"student__graduation_year=&reviewed_from={today}&reviewed_to={today}",
                  ["student_number", "reviewed_at"])
    assert [r[0] for r in rows[1:]] == [org["students"]["b1"].student_number]
    rows = export(client, "student__graduation_year=&reviewed_from=2026-05-01&reviewed_to=2026-06-30",
                  ["student_number"])
    assert [r[0] for r in rows[1:]] == [org["students"]["a1"].student_number]


# -- 主管单位库 -----------------------------------------------------------------------------------------

LOOKUP = "/employment/authorities/lookup/"


def test_lookup_needs_two_characters_and_returns_at_most_twenty(client, college_admin, authorities):
    client.force_login(college_admin)
    assert "两个字以上" in client.get(LOOKUP, {"q": "州"}).content.decode()
    data = client.get(LOOKUP, {"q": "人力资源", "format": "json"}).json()
    assert len(data["results"]) == 20
    data = client.get(LOOKUP, {"q": "广州", "format": "json"}).json()
    assert data["results"][0]["name"] == "广州市人力资源和社会保障局"
    assert data["results"][0]["region"] == "440100"
    body = client.get(LOOKUP, {"q": "火星"}).content.decode()
    assert "没有名称含“火星”" in body


def test_lookup_skips_deactivated_authorities(client, school_admin, authorities):
    authority("广州市人力资源和社会保障局")
    SupervisingAuthority.objects.filter(name="广州市人力资源和社会保障局").update(is_active=False)
    client.force_login(school_admin)
    assert client.get(LOOKUP, {"q": "广州", "format": "json"}).json()["results"] == []


def test_lookup_is_for_the_back_office(client, org, authorities):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="noperm", permissions=[]))
    assert client.get(LOOKUP, {"q": "广州"}).status_code == 403


def test_school_admin_maintains_the_authorities(client, school_admin, authorities):
    client.force_login(school_admin)
    add = reverse("employment:supervisingauthority_add")
    data = {"name": "深圳市人才交流服务中心", "code": "", "region": "440300", "address": "深圳市福田区",
            "postal_code": "51804", "phone": "", "is_active": "on"}
    body = client.post(add, data).content.decode()
    assert "邮政编码：“51804”不是有效的邮政编码" in body
    data.update(postal_code="518048", region="999999")
    assert "所在地区：“999999”不是有效的行政区划代码" in client.post(add, data).content.decode()
    data["region"] = "440300"
    assert client.post(add, data).status_code == 302
    created = SupervisingAuthority.objects.get(name="深圳市人才交流服务中心")
    assert created.region.code == "440300"
    data["name"] = "广州市人力资源和社会保障局"
    assert "主管单位库中已有该名称" in client.post(add, data).content.decode()
    from careers.core.models import OperationLog

    assert OperationLog.objects.filter(object_type="employment.supervisingauthority", object_id=str(created.pk),
                                       user=school_admin).exists()
    client.post(reverse("employment:supervisingauthority_active"), {"pk": [created.pk], "active": "0"})
    created.refresh_from_db()
    assert not created.is_active
    body = client.get("/employment/authorities/", {"q": "深圳市人才"}).content.decode()
    assert "深圳市人才交流服务中心" in body
    assert client.get("/employment/authorities/", {"province": "44"}).status_code == 200


def test_college_admins_may_look_up_but_not_maintain(client, college_admin, authorities):
    client.force_login(college_admin)
    assert client.get("/employment/authorities/").status_code == 200
    assert client.get(reverse("employment:supervisingauthority_add")).status_code == 403
    gz = authority("广州市人力资源和社会保障局")
    assert client.get(reverse("employment:supervisingauthority_edit", kwargs={"pk": gz.pk})).status_code == 403
    client.post(reverse("employment:supervisingauthority_active"), {"pk": [gz.pk], "active": "0"})
    gz.refresh_from_db()
    assert gz.is_active
    assert SupervisingAuthority.objects.restrict(college_admin, "view").count() == SupervisingAuthority.objects.count()


def test_view_only_accounts_get_the_read_only_page(client, org, initialised):
    from careers.accounts.models import User
    from tests.factories import UserFactory

    counselor = UserFactory(username="counsel9", kind=User.Kind.COUNSELOR,
                            permissions=["employment.dispatchrecord.view"])
    counselor.managed_majors.set([org["majors"]["a1"]])
    client.force_login(counselor)
    record = initialised["a1"]
    detail = reverse("employment:dispatchrecord_detail", kwargs={"pk": record.pk})
    body = client.get(LIST, {"student__graduation_year": "2027"}).content.decode()
    assert detail in body and "查看" in body and "批量审核" not in body and "初始化派遣信息" not in body
    page = client.get(detail)
    assert page.status_code == 200 and "广州市人力资源和社会保障局" in page.content.decode()
    assert client.get(reverse("employment:dispatchrecord_edit", kwargs={"pk": record.pk})).status_code == 403
    assert client.get(reverse("employment:dispatchrecord_detail",
                              kwargs={"pk": initialised["b1"].pk})).status_code == 404
