import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from careers.codes.models import Code
from careers.core.models import OperationLog
from careers.core.text import normalize_spaces
from careers.org.models import Major
from tests.factories import CampusFactory, CollegeFactory, DepartmentFactory, MajorFactory

pytestmark = pytest.mark.django_db


def form_data(college, campus, **overrides):
    data = {
        "education_level": Code.objects.of("education_level").get(code="31").pk,
        "name": "软件工程", "major_code": "080902",
        "duration": Code.objects.of("duration").get(code="4").pk,
        "discipline": Code.objects.of("discipline").get(code="08").pk,
        "campus": campus.pk, "college": college.pk, "department": "", "specialization": "",
        "is_active": "on", "sort": 0,
    }
    data.update(overrides)
    return data


def test_identity_is_unique_even_without_department():
    major = MajorFactory(name="软件工程")
    with pytest.raises(IntegrityError), transaction.atomic():
        MajorFactory(name="软件工程", college=major.college, campus=major.campus)
    # a different 专业方向 is a different major
    MajorFactory(name="软件工程", college=major.college, campus=major.campus, specialization="嵌入式")


def test_create_major_normalises_spaces_and_logs(client, school_admin):
    college, campus = CollegeFactory(name="信息学院"), CampusFactory(name="主校区")
    client.force_login(school_admin)
    response = client.post(reverse("org:major_add"), form_data(college, campus, name=" 软件\u3000工程 "))
    assert response.status_code == 302, response.content.decode()[:2000]
    major = Major.objects.get()
    assert major.name == "软件工程"
    assert OperationLog.objects.filter(object_type="org.major", action="create").exists()


def test_duplicate_major_gets_chinese_error(client, school_admin):
    college, campus = CollegeFactory(name="信息学院"), CampusFactory(name="主校区")
    client.force_login(school_admin)
    client.post(reverse("org:major_add"), form_data(college, campus))
    body = client.post(reverse("org:major_add"), form_data(college, campus, name="软件 工程")).content.decode()
    assert "已有同名同方向的专业" in body
    assert Major.objects.count() == 1


def test_department_must_belong_to_college(client, school_admin):
    college, other = CollegeFactory(name="信息学院"), CollegeFactory(name="外语学院")
    dept = DepartmentFactory(college=other, name="英语系")
    client.force_login(school_admin)
    body = client.post(reverse("org:major_add"), form_data(college, CampusFactory(), department=dept.pk)).content.decode()
    assert "系别不属于所选学院" in body


def test_edit_logs_changed_fields_from_to(client, school_admin):
    major = MajorFactory(name="旧名称")
    client.force_login(school_admin)
    data = form_data(major.college, major.campus, name="新名称")
    assert client.post(reverse("org:major_edit", kwargs={"pk": major.pk}), data).status_code == 302
    log = OperationLog.objects.filter(object_type="org.major", action="update").get()
    assert log.changes["name"] == ["旧名称", "新名称"]
    assert log.user == school_admin


def test_delete_protected_major_explains(client, school_admin, org):
    client.force_login(school_admin)
    major = org["majors"]["a1"]
    response = client.post(reverse("org:major_delete", kwargs={"pk": major.pk}), follow=True)
    assert "仍被其他数据引用" in response.content.decode()
    assert Major.objects.filter(pk=major.pk).exists()


def test_bulk_edit_all_or_nothing(client, school_admin):
    a, b = MajorFactory(), MajorFactory()
    client.force_login(school_admin)
    duration = Code.objects.of("duration").get(code="5")
    response = client.post(reverse("org:major_bulk_edit"), {"pk": [a.pk, b.pk], "_apply": "1", "duration": duration.pk})
    assert response.status_code == 302
    assert set(Major.objects.values_list("duration__code", flat=True)) == {"5"}


@pytest.mark.parametrize("raw, clean", [(" 计算机 科学 ", "计算机科学"), ("Java  EE", "Java EE"), ("\u3000英语\u3000", "英语"),
                                        ("数据科学 与 大数据技术", "数据科学与大数据技术"), (None, "")])
def test_normalize_spaces(raw, clean):
    assert normalize_spaces(raw) == clean


def test_major_list_joins_only_its_order_and_names_the_rest_per_page(client, school_admin):
    """专业 list: the page query joins 学院 and 学历 (its order); 学制, 专业类别, 系别, 校区 are named with one small
    query each for the page (issue 13: six joins over every major before the sort, 20-40 ms at 5,185 majors)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import DepartmentFactory, MajorFactory

    major = MajorFactory(name="测试专业")
    major.department = DepartmentFactory(college=major.college, name="测试系")
    major.save()
    client.force_login(school_admin)
    client.get(reverse("org:major_list"))  # the first visit stores the user's preferences
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("org:major_list")).content.decode()
    rows = next(q["sql"] for q in queries if q["sql"].startswith('SELECT "org_major"."id"') and "ORDER BY" in q["sql"])
    assert 'JOIN "org_campus"' not in rows and 'JOIN "org_department"' not in rows
    assert rows.count('JOIN "codes_code"') == 1  # 学历, for the order
    assert len(queries) <= 15
    for text in ("测试专业", major.college.name, major.education_level.name, major.duration.name,
                 major.discipline.name, "测试系", major.campus.name):
        assert text in page, text
