"""生源信息 → 修改 → 保存 for students whose 生源地 / ID prefix is a development zone (220272 吉林高新技术产业开发区,
320971 盐城经济技术开发区) or a city without counties (441900 东莞, 460400 儋州): python-stdnum's region table
has no 'county' entry for these, and reading it as if it had one was a KeyError (HTTP 500)."""

import pytest
from django.urls import reverse

from careers.core.models import OperationLog
from careers.students.records.forms import StudentEditForm
from careers.students.models import Student
from tests.students.review_support import code, id_number

pytestmark = pytest.mark.django_db

REGIONS = ["220272", "320971", "441900", "460400", "110105"]


def student_from(org, region):
    student = org["students"]["a1"]
    Student.objects.filter(pk=student.pk).update(
        id_number=id_number(birth="20030415", serial="123", region=region), gender=Student.Gender.MALE,
        origin_region=code("region", region), candidate_number="23220272150123")
    student.refresh_from_db()
    return student


def unchanged_post(student):
    """The edit form exactly as the page renders it, as a browser would post it back."""
    form = StudentEditForm(instance=student)
    data = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in data.items()} | {"_action": "save"}


@pytest.mark.parametrize("region", REGIONS)
def test_edit_form_posted_back_unchanged_saves(client, org, school_admin, region):
    student = student_from(org, region)
    url = reverse("students:student_edit", kwargs={"pk": student.pk})
    client.force_login(school_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, unchanged_post(student))
    assert response.status_code == 302, response.content.decode()[:2000]
    student.refresh_from_db()
    assert student.id_number.startswith(region) and student.origin_region.code == region


@pytest.mark.parametrize("region, other", [("220272", "320971"), ("320971", "220272"), ("441900", "460400")])
def test_edit_form_changed_saves_normalised_values_and_is_logged(client, org, school_admin, region, other):
    student = student_from(org, region)
    url = reverse("students:student_edit", kwargs={"pk": student.pk})
    new_id = id_number(birth="20040102", serial="135", region=other)
    data = unchanged_post(student) | {
        "id_number": " " + new_id.lower().translate(str.maketrans("0123456789x", "０１２３４５６７８９ｘ")),
        "origin_region": code("region", other).pk, "phone": "１３９ ００１３ ９０００", "postal_code": "１３００１２",
        "email": "ME＠Example.com"}
    client.force_login(school_admin)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    student.refresh_from_db()
    assert (student.id_number, student.origin_region.code, student.phone, student.postal_code, student.email) == (
        new_id.upper(), other, "13900139000", "130012", "me@example.com")
    assert str(student.birth_date) == "2004-01-02"
    assert OperationLog.objects.filter(object_type="students.student", object_id=str(student.pk)).exists()


def test_unknown_region_prefix_is_a_message_not_a_crash(client, org, school_admin):
    student = student_from(org, "220272")
    url = reverse("students:student_edit", kwargs={"pk": student.pk})
    client.force_login(school_admin)
    response = client.post(url, unchanged_post(student) | {"id_number": "999999200001011233"})
    assert response.status_code == 200
    assert "身份证号前 6 位地区码“999999”不是有效的行政区划代码" in response.content.decode()
