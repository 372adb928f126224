"""生源信息 list and query: filters, scope, batch list, saved queries, detail page, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.codes.models import Code
from careers.students.records.filtersets import BATCH_LIMIT
from careers.students.models import SavedQuery, Student
from tests.factories import MajorFactory, StudentFactory, code

pytestmark = pytest.mark.django_db
LIST = "students:student_list"


def numbers(response):
    """学号 shown in the list's rows."""
    return set(re.findall(r'<a href="/students/\d+/">(\d+)</a>', response.content.decode()))


def get(client, **params):
    params.setdefault("graduation_year", 2027)
    return client.get(reverse(LIST), params)


def test_college_admin_lists_only_managed_majors(client, college_admin, org):
    client.force_login(college_admin)
    s = org["students"]["a1"]
    s.phone = "13912345678"
    s.save()
    body = get(client).content.decode()
    assert f"<td>{s.name}</td><td>男</td><td>2027</td><td>本科生</td><td>甲学院</td><td>甲专业一</td>" in body
    assert "<td>13912345678</td>" in body
    shown = numbers(get(client))
    assert shown == {org["students"]["a1"].student_number, org["students"]["a2"].student_number}


def test_dropdowns_are_scoped(client, college_admin, org):
    client.force_login(college_admin)
    body = get(client).content.decode()
    assert "甲学院" in body and "甲专业一" in body
    assert "乙学院" not in body and "乙专业一" not in body
    # An out-of-scope choice typed into the URL is rejected, not silently applied.
    response = get(client, major__college=org["college_b"].pk)
    assert numbers(response) == set()
    assert "选择一个有效的选项" in response.content.decode() or "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("field, kind, value", [
    ("ethnicity", "ethnicity", "01"), ("political_status", "political_status", "01"),
    ("training_mode", "training_mode", "2"),
])
def test_code_filters(client, school_admin, org, field, kind, value):
    target = org["students"]["b2"]
    setattr(target, field, code(kind, value))
    target.save()
    client.force_login(school_admin)
    assert numbers(get(client, **{field: code(kind, value).pk})) == {target.student_number}


def test_org_filters(client, school_admin, org):
    client.force_login(school_admin)
    college_b = {org["students"]["b1"].student_number, org["students"]["b2"].student_number}
    assert numbers(get(client, major__college=org["college_b"].pk)) == college_b
    assert numbers(get(client, major=org["majors"]["a1"].pk)) == {org["students"]["a1"].student_number}
    assert len(numbers(get(client, major__campus=org["majors"]["a1"].campus_id))) == 4
    level = code("education_level", "31")
    assert len(numbers(get(client, major__education_level=level.pk))) == 4


def test_gender_review_status_and_year_filters(client, school_admin, org):
    s = org["students"]["a1"]
    s.gender, s.review_status = Student.Gender.FEMALE, Student.ReviewStatus.PENDING
    s.save()
    other_year = StudentFactory(major=org["majors"]["a1"], graduation_year=2026)
    client.force_login(school_admin)
    assert numbers(get(client, gender="2")) == {s.student_number}
    assert numbers(get(client, review_status="pending")) == {s.student_number}
    assert numbers(get(client, graduation_year=2026)) == {other_year.student_number}


def test_year_defaults_to_operating_year(client, school_admin, org):
    StudentFactory(major=org["majors"]["a1"], graduation_year=2026, student_number="2099000001")
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = 2026
    session.save()
    assert numbers(client.get(reverse(LIST))) == {"2099000001"}


def test_province_filter_uses_region_code_prefix(client, school_admin, org):
    beijing_district = Code.objects.of("region").get(code="110105")
    shanghai = Code.objects.of("region").get(code="310000")
    a1, b1 = org["students"]["a1"], org["students"]["b1"]
    a1.origin_region, b1.origin_region = beijing_district, shanghai
    a1.save()
    b1.save()
    client.force_login(school_admin)
    assert numbers(get(client, province="11")) == {a1.student_number}
    assert numbers(get(client, province="31")) == {b1.student_number}


def test_keyword_searches_number_name_id_and_phone(client, school_admin, org):
    s = org["students"]["b1"]
    s.phone = "13912345678"
    s.save()
    client.force_login(school_admin)
    for q in (s.student_number, s.name, s.id_number, "13912345678"):
        assert numbers(get(client, q=q)) == {s.student_number}, q


def test_only_active_students_unless_asked(client, school_admin, org):
    s = org["students"]["a1"]
    s.is_active, s.enrolment_status = False, code("enrolment_status", "02")
    s.save()
    client.force_login(school_admin)
    assert s.student_number not in numbers(get(client))
    assert numbers(get(client, enrolment_status=code("enrolment_status", "02").pk)) == {s.student_number}
    assert s.student_number in numbers(get(client, other="all"))
    assert numbers(get(client, other="inactive")) == {s.student_number}


def test_batch_list_reports_not_found_without_revealing_out_of_scope(client, college_admin, org):
    client.force_login(college_admin)
    a1, b1 = org["students"]["a1"], org["students"]["b1"]
    pasted = f"{a1.student_number}\n{org['students']['a2'].name}, 9999999999 ；{b1.student_number}"
    response = client.post(reverse("students:student_batch"), {"batch_text": pasted, "query": "graduation_year=2027"})
    assert response.status_code == 302
    listed = client.get(response["Location"])
    assert numbers(listed) == {a1.student_number, org["students"]["a2"].student_number}
    body = listed.content.decode()
    missing = re.search(r"data-batch-missing>([^<]*)<", body).group(1)
    # Out of scope looks exactly like not found: b1's data never appears.
    assert missing == f"9999999999、{b1.student_number}"
    assert b1.name not in body
    # The reference survives filtering, paging and export.
    ref = re.search(r"batch=(%40\w+)", response["Location"]).group(1)
    export = client.get(reverse("students:student_export") + f"?graduation_year=2027&batch={ref}")
    assert 'data-export-count>2<' in export.content.decode()


def test_batch_list_with_hundreds_of_numbers(client, school_admin, org):
    major = org["majors"]["a1"]
    created = [StudentFactory(major=major) for _ in range(300)]
    client.force_login(school_admin)
    pasted = "\n".join([s.student_number for s in created] + ["8888888888"])
    response = client.post(reverse("students:student_batch"), {"batch_text": pasted, "query": ""})
    assert len(response["Location"]) < 200  # the list travels by reference, not in the URL
    listed = client.get(response["Location"] + "&per_page=200")
    assert "共 <strong data-total>300</strong> 条" in listed.content.decode()
    assert re.search(r"data-batch-missing>8888888888<", listed.content.decode())


def test_batch_list_too_long_is_refused(client, school_admin, org):
    client.force_login(school_admin)
    pasted = " ".join(str(n) for n in range(BATCH_LIMIT + 1))
    response = client.post(reverse("students:student_batch"), {"batch_text": pasted, "query": ""}, follow=True)
    assert f"最多 {BATCH_LIMIT} 个" in response.content.decode()


def test_expired_batch_reference_says_so(client, school_admin, org):
    client.force_login(school_admin)
    body = get(client, batch="@000000000000").content.decode()
    assert "批量查询列表已过期" in body and numbers(client.get(reverse(LIST), {"batch": "@000000000000"})) == set()


def test_saved_queries_are_per_user(client, school_admin, college_admin, org):
    client.force_login(school_admin)
    response = client.post(reverse("students:saved_query_add"),
                           {"name": " 乙学院 在读 ", "query": f"major__college={org['college_b'].pk}&page=3"})
    assert response.status_code == 302
    saved = SavedQuery.objects.get(user=school_admin)
    assert saved.name == "乙学院 在读" and saved.query == f"major__college={org['college_b'].pk}"
    menu = client.get(reverse("students:saved_query_list"), HTTP_HX_REQUEST="true").content.decode()
    assert "乙学院 在读" in menu
    applied = client.get(reverse("students:saved_query_apply", args=[saved.pk]))
    assert applied["Location"].endswith(f"?major__college={org['college_b'].pk}")
    # Same name again updates it.
    client.post(reverse("students:saved_query_add"), {"name": "乙学院 在读", "query": "gender=2"})
    assert SavedQuery.objects.get(user=school_admin).query == "gender=2"
    # Another admin can neither apply nor delete it.
    client.force_login(college_admin)
    assert client.get(reverse("students:saved_query_apply", args=[saved.pk])).status_code == 404
    assert client.post(reverse("students:saved_query_delete", args=[saved.pk])).status_code == 404
    client.force_login(school_admin)
    client.post(reverse("students:saved_query_delete", args=[saved.pk]), {"return_url": "https://evil.example/"})
    assert not SavedQuery.objects.exists()


def test_saved_query_keeps_the_pasted_list(client, school_admin, org):
    client.force_login(school_admin)
    a1 = org["students"]["a1"]
    location = client.post(reverse("students:student_batch"), {"batch_text": a1.student_number, "query": ""})["Location"]
    query = location.split("?", 1)[1]
    client.post(reverse("students:saved_query_add"), {"name": "名单", "query": query})
    saved = SavedQuery.objects.get(user=school_admin)
    assert f"batch={a1.student_number}" in saved.query
    applied = client.get(reverse("students:saved_query_apply", args=[saved.pk]))
    assert numbers(client.get(applied["Location"] + "&graduation_year=2027")) == {a1.student_number}


def test_pending_changes_tooltip_shows_old_and_new_names(client, school_admin, org):
    s = org["students"]["a1"]
    s.ethnicity = code("ethnicity", "01")
    s.review_status = Student.ReviewStatus.PENDING
    s.pending_changes = {"ethnicity": code("ethnicity", "03").pk, "sponsor_unit": "某某公司"}
    s.save()
    client.force_login(school_admin)
    body = get(client).content.decode()
    old, new = code("ethnicity", "01").name, code("ethnicity", "03").name
    assert f"民族：{old} → {new}" in body
    assert "定向/委培单位：（空） → 某某公司" in body


def test_list_query_count_is_fixed(client, school_admin, org):
    """20 or 200 students on the page, with pending changes: the same number of queries."""
    client.force_login(school_admin)

    def add(count):
        major = MajorFactory(name=f"批量专业{count}")
        for i in range(count):
            StudentFactory(major=major, review_status=Student.ReviewStatus.PENDING,
                           pending_changes={"ethnicity": code("ethnicity", "01").pk},
                           origin_region=Code.objects.of("region").get(code="110105"))

    def count(batch=False):
        params = {"per_page": 200, "other": "all"}
        if batch:
            params["batch"] = " ".join(Student.objects.values_list("student_number", flat=True)) + " 0000000000"
        with CaptureQueriesContext(connection) as ctx:
            response = get(client, **params)
            assert response.status_code == 200 and "data-bs-toggle=\"tooltip\"" in response.content.decode()
        return len(ctx)

    add(20)
    count()  # warm
    small, small_batch = count(), count(batch=True)
    add(180)
    assert (count(), count(batch=True)) == (small, small_batch)
    assert small <= 12 and small_batch == small + 1, (small, small_batch)


def test_detail_page_groups_fields_and_history(client, school_admin, org):
    s = org["students"]["a1"]
    s.origin_region = Code.objects.of("region").get(code="110105")
    s.save()
    client.force_login(school_admin)
    s.phone = "13800000000"
    s.save()
    body = client.get(reverse("students:student_detail", args=[s.pk])).content.decode()
    for title in ("基本信息", "学籍", "联系方式", "数据状态", "变更记录", "学籍异动"):
        assert title in body
    assert "110105 " in body
    assert "13800000000" in body


def test_detail_out_of_scope_is_404(client, college_admin, org):
    client.force_login(college_admin)
    assert client.get(reverse("students:student_detail", args=[org["students"]["b1"].pk])).status_code == 404


def test_row_menu_links_the_other_student_actions(client, school_admin, org):
    client.force_login(school_admin)
    s = org["students"]["a1"]
    body = get(client).content.decode()
    for name in ("students:student_edit", "students:student_status", "students:student_transfer"):
        assert f'href="{reverse(name, args=[s.pk])}"' in body, name
    assert f'action="{reverse("students:account_impersonate", args=[s.pk])}"' in body
    detail = client.get(reverse("students:student_detail", args=[s.pk])).content.decode()
    assert f'href="{reverse("students:student_status", args=[s.pk])}"' in detail


def test_row_menu_follows_permissions(client, college_admin, org):
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    body = get(client).content.decode()
    s = org["students"]["a1"]
    assert reverse("students:student_status", args=[s.pk]) not in body
    assert reverse("students:account_impersonate", args=[s.pk]) not in body
    assert "批量审核" not in body


def test_list_loads_only_its_columns_without_extra_queries(client, school_admin, org):
    """The list loads only LIST_FIELDS: a pending change of any review field must not load a deferred field
    row by row, and the page must not carry unrendered columns' data."""
    client.force_login(school_admin)

    def add(count):
        major = MajorFactory(name=f"待审专业{count}")
        for i in range(count):
            StudentFactory(major=major, review_status=Student.ReviewStatus.PENDING, home_address="某路1号",
                           pending_changes={name: "新值" for name in ("sponsor_unit", "phone", "email",
                                                                      "home_address", "postal_code")})

    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = get(client, per_page=200)
            assert "家庭地址：某路1号 → 新值" in response.content.decode()
        return len(ctx)

    add(2)
    count()  # warm
    few = count()
    add(20)
    assert count() == few
