"""录入单条学生记录: account + record in one step, ID checks, major picker, scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers.accounts.models import User
from careers.employment.models import DispatchRecord, EmploymentRecord
from careers.students.records.forms import validate_id_number
from careers.students.models import Student
from tests.factories import UserFactory
from tests.students.review_support import code, id_number, logs_for

pytestmark = pytest.mark.django_db

URL = "students:student_add"


def test_valid_id_number_gives_birth_date():
    number, birth = validate_id_number(id_number("20030415", "123").lower(), "1")
    assert birth == datetime.date(2003, 4, 15) and len(number) == 18


@pytest.mark.parametrize("value, gender, message", [
    ("11010520030415", None, "应为 18 位"),
    ("11010520030415A23X", None, "格式有误"),
    (id_number()[:-1] + ("1" if id_number()[-1] != "1" else "2"), None, "校验位不正确"),
    (id_number(birth="20030230"), None, "不是有效日期"),
    (id_number(birth="20990101"), None, "不合理"),
    (id_number(region="990000"), None, "地区码"),
    (id_number(serial="124"), "1", "身份证号第 17 位表示女性"),
    (id_number(serial="123"), "2", "身份证号第 17 位表示男性"),
])
def test_bad_id_numbers_are_explained(value, gender, message):
    with pytest.raises(ValidationError) as exc:
        validate_id_number(value, gender)
    assert message in exc.value.messages[0]


def entry(org, major_key="a1", **overrides):
    major = org["majors"][major_key]
    data = {"student_number": "2023990001", "name": "新同学", "gender": "2", "id_number": id_number(serial="124"),
            "candidate_number": "23110105150123", "graduation_year": 2027, "enrolment_year": 2023,
            "education_level": major.education_level_id, "major": major.pk,
            "ethnicity": code("ethnicity", "01").pk, "political_status": "", "origin_region": "",
            "training_mode": "", "sponsor_unit": "", "phone": "13812345678", "email": "new@example.com",
            "home_address": "", "postal_code": ""}
    data.update(overrides)
    return data


def test_single_entry_creates_account_record_dispatch_and_employment(client, org, college_admin):
    client.force_login(college_admin)
    page = client.get(reverse(URL)).content.decode()
    assert "第一步" in page and "第二步" in page and "初始密码为身份证号后 6 位" in page
    response = client.post(reverse(URL), entry(org))
    assert response.status_code == 302
    student = Student.objects.get(student_number="2023990001")
    assert student.birth_date == datetime.date(2003, 4, 15)
    assert student.enrolment_status.name == "在读" and student.is_active
    user = student.user
    assert user.username == "2023990001" and user.kind == User.Kind.STUDENT
    assert user.initial_credential and user.must_change_password and not user.has_usable_password()
    assert DispatchRecord.objects.filter(student=student).exists()
    assert EmploymentRecord.objects.filter(student=student).exists()
    assert logs_for(student, action="create").get().user == college_admin


@pytest.mark.parametrize("overrides, message", [
    ({"candidate_number": ""}, "这个字段是必填项"),
    ({"id_number": id_number(serial="123")}, "性别与身份证号不符"),
    ({"id_number": "110105200304151230"}, "校验位不正确"),
    ({"major": ""}, "请搜索并选择专业"),
    ({"enrolment_year": 2028}, "入学年份不能晚于毕业年份"),
    ({"email": "bad@"}, "不是有效的电子邮箱"),
])
def test_single_entry_rejects_bad_input_and_writes_nothing(client, org, college_admin, overrides, message):
    client.force_login(college_admin)
    response = client.post(reverse(URL), entry(org, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Student.objects.filter(student_number="2023990001").exists()
    assert not User.objects.filter(username="2023990001").exists()


def test_major_must_match_the_chosen_education_level(client, org, college_admin):
    client.force_login(college_admin)
    other_level = code("education_level", "11")
    response = client.post(reverse(URL), entry(org, education_level=other_level.pk))
    assert "与所选学历" in response.content.decode()


def test_existing_student_number_or_account_is_refused_in_the_same_words(client, org, college_admin):
    """Taken by a student of another college or by any account: one neutral message (issue 12)."""
    client.force_login(college_admin)
    other = org["students"]["b1"]
    body = client.post(reverse(URL), entry(org, student_number=other.student_number)).content.decode()
    assert f"学号“{other.student_number}”已被使用，不能再用于新增学生。" in body
    assert "已有该学号的学生" not in body
    UserFactory(username="2023990001")
    body = client.post(reverse(URL), entry(org)).content.decode()
    assert "学号“2023990001”已被使用，不能再用于新增学生。" in body


def test_a_taken_id_number_is_refused_without_naming_the_student(client, org, college_admin):
    client.force_login(college_admin)
    other = org["students"]["b1"]
    gender = "1" if int(other.id_number[16]) % 2 else "2"
    body = client.post(reverse(URL), entry(org, id_number=other.id_number, gender=gender)).content.decode()
    assert "身份证号已被使用，不能再用于新增学生。" in body
    assert "已有该身份证号的学生" not in body and other.name not in body


def test_college_admin_cannot_enter_a_student_into_another_college(client, org, college_admin):
    client.force_login(college_admin)
    body = client.post(reverse(URL), entry(org, major_key="b1")).content.decode()
    assert "不在您管辖的专业范围内" in body
    assert not Student.objects.filter(student_number="2023990001").exists()


def test_school_admin_can_enter_into_any_major(client, org, school_admin):
    client.force_login(school_admin)
    assert client.post(reverse(URL), entry(org, major_key="b1")).status_code == 302
    assert Student.objects.get(student_number="2023990001").major == org["majors"]["b1"]


def test_entry_needs_the_add_permission(client, org, college_admin):
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse(URL), entry(org)).status_code == 403


def test_major_lookup_needs_two_characters_and_respects_scope(client, org, college_admin, school_admin):
    url = reverse("students:major_lookup")
    level = org["majors"]["a1"].education_level_id
    client.force_login(college_admin)
    assert "两个字以上" in client.get(url, {"major_q": "专"}).content.decode()
    body = client.get(url, {"major_q": "专业", "education_level": level}).content.decode()
    assert "甲专业一" in body and "甲专业二" in body and "乙专业" not in body
    assert "乙专业一" not in client.get(url, {"major_q": "乙专业"}).content.decode()
    body = client.get(url, {"major_q": "专业", "education_level": code("education_level", "11").pk}).content.decode()
    assert "没有找到" in body
    client.force_login(school_admin)
    assert "乙专业一" in client.get(url, {"major_q": "乙专业"}).content.decode()


def test_major_lookup_is_closed_to_students_and_accounts_without_permission(client, org):
    url = reverse("students:major_lookup")
    client.force_login(UserFactory(username="stu9", kind=User.Kind.STUDENT))
    assert client.get(url, {"major_q": "专业"}).status_code == 403
    client.force_login(UserFactory(username="view-only", permissions=["students.student.view"]))
    assert client.get(url, {"major_q": "专业"}).status_code == 403


def test_birth_date_comes_from_the_id_number():
    from careers.students.actions import birth_date_from_id

    assert str(birth_date_from_id("11010519491231002X")) == "1949-12-31"
    assert birth_date_from_id("not-an-id") is None
