"""主管单位库 seeding and the 回生源地 initialisation of dispatch records."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.employment.dispatch.authorities import OriginResolver, load_authorities, origin_dispatch_values
from careers.employment.models import DispatchRecord, SupervisingAuthority
from careers.students.actions import create_students
from careers.students.models import Student
from tests.employment.dispatch_support import authorities, authority, region  # noqa: F401
from tests.factories import MajorFactory, StudentFactory, code

pytestmark = pytest.mark.django_db


def test_seed_has_one_authority_per_province_and_prefecture(authorities):
    names = set(authorities.values_list("name", flat=True))
    assert "广东省人力资源和社会保障厅" in names and "广州市人力资源和社会保障局" in names
    assert "广西壮族自治区人力资源和社会保障厅" in names and "延边朝鲜族自治州人力资源和社会保障局" in names
    assert "北京市人力资源和社会保障局" in names and "重庆市人力资源和社会保障局" in names
    # municipalities are province-level only; no 省直辖县级行政区划 group, no 台港澳
    assert authorities.filter(name__startswith="北京市").count() == 1
    assert not authorities.filter(name__contains="直辖").exists()
    assert not authorities.filter(name__startswith="香港").exists()
    assert authorities.filter(region__level=1).count() == 31
    assert authorities.count() == 31 + 333
    gz = authority("广州市人力资源和社会保障局")
    assert gz.region.code == "440100" and gz.code == "440100" and gz.is_active


def test_seed_is_idempotent_and_keeps_admin_edits(authorities):
    gz = authority("广州市人力资源和社会保障局")
    gz.address, gz.name = "广州市越秀区", "广州市人力资源和社会保障局（毕业生就业）"
    gz.save()
    assert load_authorities() == 0
    assert SupervisingAuthority.objects.count() == 31 + 333
    gz.refresh_from_db()
    assert gz.address == "广州市越秀区"


def test_load_codes_seeds_the_authorities(monkeypatch):
    from careers.codes.management.commands import load_codes

    monkeypatch.setattr(load_codes, "load_published_tables", lambda stdout=None: None)
    call_command("load_codes", "--skip-regions", stdout=open("/dev/null", "w"))
    assert SupervisingAuthority.objects.count() == 31 + 333


@pytest.mark.parametrize("origin, expected", [
    ("440106", "广州市人力资源和社会保障局"),  # county → its prefecture
    ("440100", "广州市人力资源和社会保障局"),  # the prefecture itself
    ("110105", "北京市人力资源和社会保障局"),  # municipality: the province level
    ("429004", "湖北省人力资源和社会保障厅"),  # 仙桃: 省直辖县级 → the province
    ("440000", "广东省人力资源和社会保障厅"),  # only the province is known
])
def test_origin_values_use_the_prefecture_else_the_province(authorities, origin, expected):
    student = StudentFactory(origin_region=region(origin))
    values = origin_dispatch_values(student)
    assert values["kind"] == DispatchRecord.Kind.ORIGIN
    assert values["supervising_authority_id"] == authority(expected).pk
    assert values["receiving_unit"] == expected
    assert values["receiving_region_id"] == region(origin).pk


def test_origin_values_without_origin_or_authority(authorities):
    assert origin_dispatch_values(StudentFactory())["supervising_authority_id"] is None
    authority("广州市人力资源和社会保障局").delete()
    student = StudentFactory(origin_region=region("440106"))
    assert origin_dispatch_values(student)["receiving_unit"] == "广东省人力资源和社会保障厅"
    SupervisingAuthority.objects.update(is_active=False)
    assert origin_dispatch_values(student)["receiving_unit"] == ""


def test_an_admin_added_authority_does_not_replace_the_seeded_one(authorities):
    SupervisingAuthority.objects.create(name="广州市人才服务中心", region=region("440100"))
    student = StudentFactory(origin_region=region("440106"))
    assert origin_dispatch_values(student)["receiving_unit"] == "广州市人力资源和社会保障局"


def new_students(count, major, start):
    from tests.students.review_support import id_number

    regions = ["440106", "110105", "429004", "330106", "510107"]
    return [Student(student_number=f"D{start + i:07d}", name=f"派遣{i}", gender="1",
                    id_number=id_number(serial=f"{(start + i) % 1000:03d}", region="110105",
                                        birth=f"2003{1 + i % 12:02d}15"),
                    graduation_year=2027, enrolment_year=2023, major=major,
                    origin_region_id=region(regions[i % len(regions)]).pk) for i in range(count)]


def test_create_students_initialises_dispatch_with_a_fixed_number_of_queries(authorities):
    major = MajorFactory()
    code("enrolment_status", "01")

    def run(count, start):
        students = new_students(count, major, start)
        with CaptureQueriesContext(connection) as ctx:
            created = create_students(students)
        return created, len(ctx)

    few, few_queries = run(3, 0)
    many, many_queries = run(40, 100)
    assert few_queries == many_queries
    by_student = {r.student_id: r for r in DispatchRecord.objects.filter(student__in=many)
                  .select_related("supervising_authority")}
    assert len(by_student) == 40
    first = by_student[many[0].pk]
    assert first.kind == "origin" and first.receiving_unit == "广州市人力资源和社会保障局"
    assert first.receiving_region_id == region("440106").pk and first.review_status == "empty"
    assert by_student[many[2].pk].supervising_authority.name == "湖北省人力资源和社会保障厅"


def test_resolver_prime_loads_region_codes_once(authorities):
    students = [StudentFactory(origin_region=region(c)) for c in ("440106", "330106")]
    students = list(Student.objects.filter(pk__in=[s.pk for s in students]).order_by("pk"))  # regions not loaded
    resolver = OriginResolver().prime(students)
    with CaptureQueriesContext(connection) as ctx:
        values = [resolver.values(s) for s in students]
    assert len(ctx) == 0
    assert [v["receiving_unit"] for v in values] == ["广州市人力资源和社会保障局", "杭州市人力资源和社会保障局"]
