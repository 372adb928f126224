"""派遣信息 at scale:

(a) 导入学生基本信息, 5,000 rows, with the 主管单位库 loaded, so every new dispatch record is initialised
    to 回生源地 on the way in (the import's ≤ 3 s target must still hold);
(b) the 派遣信息 list page (200 rows) over those students: server time and queries;
(c) 初始化派遣信息 and 批量审核 of 200 selected records (one page), each audited row by row.
"""

ORDER = 70  # after bench_students/bench_reports: its own large cohorts would skew their 200,000-student figures

import statistics
import time

from bench.bench_students import (
    IMPORT_ROWS,
    import_file,
    our_import,
    remove_imported,
)
from bench.common import line

SELECTED = 200


def school():
    """40 majors in 8 colleges (names of their own, so bench_students can build its school later)."""
    from careers.codes.models import Code
    from careers.org.models import Campus, College, Major

    levels = {c.code: c for c in Code.objects.of("education_level")}
    duration = Code.objects.of("duration").get(code="4")
    discipline = Code.objects.of("discipline").first()
    campus = Campus.objects.get_or_create(name="派遣基准校区")[0]
    majors = []
    for i in range(40):
        college = College.objects.get_or_create(name=f"派遣基准学院{i % 8}")[0]
        majors.append(Major.objects.get_or_create(
            name=f"派遣基准专业{i}", campus=campus, college=college, department=None, specialization="",
            education_level=levels["31" if i % 6 else "41"],
            defaults={"major_code": "080901", "duration": duration, "discipline": discipline})[0])
    return majors


def bench_origin_init(majors):
    """The part create_students adds for 回生源地: resolving 5,000 students' authorities (two queries)."""
    from careers.codes.models import Code
    from careers.employment.dispatch.authorities import OriginResolver
    from careers.students.models import Student

    regions = list(Code.objects.of("region").filter(level=3).values_list("pk", flat=True)[:2000])
    students = [Student(origin_region_id=regions[i % len(regions)], major=majors[i % len(majors)])
                for i in range(IMPORT_ROWS)]
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        resolver = OriginResolver().prime(students)
        values = [resolver.values(s) for s in students]
        runs.append((time.perf_counter() - started) * 1000)
    assert sum(1 for v in values if v["supervising_authority_id"]) == IMPORT_ROWS
    line(f"dispatch_origin_init_{IMPORT_ROWS}", f"{statistics.median(runs):.0f}", "ms", 100)


def bench_import(user):
    from careers.employment.models import DispatchRecord

    majors = school()
    bench_origin_init(majors)
    data = import_file(majors)
    check, commit = our_import(data, user)
    line("dispatch_student_import_5000_with_origin_init", f"{check + commit:.2f}", "s", 3)
    records = DispatchRecord.objects.filter(student__student_number__startswith="2027")
    initialised = records.filter(kind="origin", supervising_authority__isnull=False).count()
    assert initialised == IMPORT_ROWS, f"{initialised} of {IMPORT_ROWS} dispatch records initialised"


def bench_list(user):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    url = f"{reverse('employment:dispatchrecord_list')}?student__graduation_year=2027&per_page=200"
    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(7):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    line(f"dispatch_list_page_{IMPORT_ROWS}", f"{statistics.median(times):.0f}", "ms", 150)
    line(f"dispatch_list_page_{IMPORT_ROWS}_queries", len(queries), "queries")


def bench_bulk(user):
    from careers.codes.models import Code
    from careers.core import review
    from careers.employment.dispatch.actions import bulk_approve, reinitialise
    from careers.employment.models import DispatchRecord

    records = list(DispatchRecord.objects.filter(student__student_number__startswith="2027").order_by("pk")
                   [:SELECTED])
    started = time.perf_counter()
    assert reinitialise(records, acting_user=user) == SELECTED
    line(f"dispatch_initialise_{SELECTED}", f"{time.perf_counter() - started:.2f}", "s", 2)
    region = Code.objects.of("region").get(code="440106")
    for record in records:
        review.submit(record, {"kind": "employer", "receiving_unit": "广州星辰科技有限公司", "receiving_region": region,
                               "report_postal_code": "510665"})
    DispatchRecord.objects.bulk_update(records, ["pending_changes", "review_status", "submitted_at"])
    started = time.perf_counter()
    assert bulk_approve(records, acting_user=user) == SELECTED
    line(f"dispatch_bulk_approve_{SELECTED}", f"{time.perf_counter() - started:.2f}", "s", 2)


def run():
    from bench.bench_imports import school_admin
    from careers.codes.models import Code
    from careers.employment.dispatch.authorities import load_authorities

    if not Code.objects.of("region").exists():
        from careers.codes.loader import load_regions

        load_regions()
    load_authorities()
    user = school_admin()
    try:
        bench_import(user)
        bench_list(user)
        bench_bulk(user)
    finally:
        remove_imported()
