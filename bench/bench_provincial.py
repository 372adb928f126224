"""导出与省系统不一致就业信息 at scale: 20,000 employment records against a generated provincial file.

(a) provincial_compare_20000: from the uploaded .xlsx to the finished comparison — the upload
    form's parse and layout check (also reported alone), plus the job as a worker runs it (parsing
    the file again, loading our records, comparing, saving the result); 5% of the rows differ.
(b) provincial_mismatch_export: the differing rows exported in the provincial format (export job).
(c) provincial_export_all_20000: every record written in the provincial format (reference).

Students are of graduation year 2031 so other benches' students don't take part.
"""

import datetime
import os
import tempfile
import time

from stdnum.cn import ric

from bench.common import line

ROWS = 20_000
YEAR = 2031
TARGET_SECONDS = 10
EXPORT_TARGET_SECONDS = 10


def report(name, seconds, target):
    line(name, f"{seconds:.2f}", "s", target)


def id_number(i):
    born = datetime.date(1993, 1, 1) + datetime.timedelta(days=i % 1000)  # never a seed_students birth year
    body = f"440106{born:%Y%m%d}{i // 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def make_records():
    """20,000 students in 40 majors with approved, realistic employment records (bulk inserts)."""
    from careers.codes.models import Code
    from careers.core.review import ReviewStatus
    from careers.employment.models import EmploymentRecord
    from careers.org.models import Campus, College, Major
    from careers.students.models import Student

    campus = Campus.objects.get_or_create(name="省比对校区")[0]
    level, duration, discipline = (Code.objects.of(kind).first()
                                   for kind in ("education_level", "duration", "discipline"))
    majors = [Major.objects.create(name=f"省比对专业{i}", major_code="080901", campus=campus,
                                   college=College.objects.get_or_create(name=f"省比对学院{i % 8}")[0],
                                   education_level=level, duration=duration, discipline=discipline)
              for i in range(40)]
    status = Code.objects.of("enrolment_status").get(code="01")
    students = Student.objects.bulk_create([
        Student(student_number=f"P{YEAR}{i:06d}", name=f"省比对学生{i}", gender="1" if i % 2 else "2",
                id_number=id_number(i), candidate_number=f"{YEAR % 100}440106{i:06d}", graduation_year=YEAR,
                enrolment_year=YEAR - 4, major=majors[i % len(majors)], enrolment_status=status)
        for i in range(ROWS)
    ], batch_size=2000)
    destinations = list(Code.objects.of("destination").filter(extra__counts_as_placed="1"))
    natures = list(Code.objects.of("employer_nature"))
    industries = list(Code.objects.of("industry").filter(level=2)[:50]) or list(Code.objects.of("industry")[:50])
    regions = list(Code.objects.of("region")[:200])
    EmploymentRecord.objects.bulk_create([
        EmploymentRecord(
            student=student, destination=destinations[i % len(destinations)],
            employer_name=f"广东省第{i % 3000}号科技有限公司", employer_credit_code=f"91440106MA5{i:07d}",
            employer_nature=natures[i % len(natures)], employer_industry=industries[i % len(industries)],
            employer_region=regions[i % len(regions)] if regions else None,
            employer_address=f"广州市天河区中山大道{i % 500}号", contact_person=f"人事{i % 97}",
            contact_phone=f"020-8{i:07d}", position="软件开发工程师" if i % 3 else "产品经理",
            agreement_number=f"XY{YEAR}{i:06d}", placed_on=datetime.date(YEAR, 3, 1) + datetime.timedelta(days=i % 120),
            review_status=ReviewStatus.APPROVED)
        for i, student in enumerate(students)
    ], batch_size=2000)


def provincial_file(changed_every=20):
    """Our records in the provincial layout with every 20th row changed (5%): (xlsx bytes, changed count)."""
    from careers.core.exports import ExportField, cell_rows, write_xlsx
    from careers.employment.models import EmploymentRecord
    from careers.employment.provincial import format as provincial_format
    from careers.employment.provincial.format import LABELS

    fields = provincial_format.export_fields()
    queryset = provincial_format.ordered(EmploymentRecord.objects.filter(student__graduation_year=YEAR))
    rows = [list(row) for row in cell_rows(fields, queryset)]
    employer, date = LABELS.index("单位名称"), LABELS.index("落实日期")
    for i in range(0, len(rows), changed_every):
        if i % 40:
            rows[i][employer] = rows[i][employer] + "（分公司）"
        else:
            rows[i][date] = "2020-01-01"
    plain = [ExportField(label, label, lambda row, i=i: row[i]) for i, label in enumerate(LABELS)]
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(path, plain, rows)
        with open(path, "rb") as stream:
            return stream.read(), len(range(0, len(rows), changed_every))
    finally:
        os.unlink(path)


def run():
    from bench.bench_imports import school_admin
    from careers.codes.loader import load_regions
    from careers.codes.models import Code
    from careers.core.jobs import start_job
    from careers.core.models import Job
    from careers.employment.models import EmploymentRecord
    from careers.employment.provincial import format as provincial_format
    from careers.employment.provincial import jobs
    from careers.employment.provincial.compare import read_provincial

    if not Code.objects.of("region").exists():
        load_regions()  # run.py loads the published tables only; 单位所在地代码 needs regions
    make_records()
    user = school_admin()
    data, changed = provincial_file()

    started = time.perf_counter()
    sheet, index = read_provincial(data, "省系统导出.xlsx")  # the upload form: parse and check the layout
    checked = time.perf_counter() - started
    report(f"provincial_upload_check_{ROWS}", checked, TARGET_SECONDS)
    first = jobs.start_compare(user, "省系统导出.xlsx", data, sheet, index, YEAR)  # stashes the upload
    assert first.status == Job.Status.SUCCEEDED, first.message
    jobs._CACHE.clear()  # a worker process parses the file itself: that is what is measured
    started = time.perf_counter()
    job = start_job(jobs.COMPARE_KIND, first.label, first.params, user, total=sheet.row_count)
    report(f"provincial_compare_{ROWS}", checked + time.perf_counter() - started, TARGET_SECONDS)
    counts = job.result.get("counts", {})
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert counts["different"] == changed and counts["same"] == ROWS - changed, counts

    started = time.perf_counter()
    export = start_job(jobs.EXPORT_KIND, "导出", {"compare_job": str(job.pk), "format": "xlsx",
                                                 "include_missing": False}, user, total=changed)
    report(f"provincial_mismatch_export_{changed}", time.perf_counter() - started, EXPORT_TARGET_SECONDS)
    assert export.status == Job.Status.SUCCEEDED and export.result["rows"] == changed, export.message

    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        started = time.perf_counter()
        count = provincial_format.write(path, "xlsx", EmploymentRecord.objects.filter(student__graduation_year=YEAR))
        report(f"provincial_export_all_{ROWS}", time.perf_counter() - started, EXPORT_TARGET_SECONDS)
        assert count == ROWS
    finally:
        os.unlink(path)
