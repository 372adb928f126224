"""Export 20,000 students to .xlsx through the export job (what a large 导出 runs)."""

import time

ROWS = 20000
TARGET_SECONDS = 30
YEAR = 2041  # a graduation year of its own: other benchmarks leave students in the usual ones


def make_students():
    from careers.codes.models import Code
    from careers.org.models import Campus, College, Major
    from careers.students.models import Student

    campus = Campus.objects.get_or_create(name="导出校区")[0]
    level, duration, discipline = (Code.objects.of(kind).first()
                                   for kind in ("education_level", "duration", "discipline"))
    majors = []
    for i in range(20):
        college = College.objects.get_or_create(name=f"导出学院{i % 5}")[0]
        majors.append(Major.objects.create(name=f"导出专业{i}", major_code="080901", campus=campus, college=college,
                                           education_level=level, duration=duration, discipline=discipline))
    status = Code.objects.of("enrolment_status").get(code="01")
    Student.objects.bulk_create([
        Student(student_number=f"B{i:09d}", name=f"学生{i}", gender="1" if i % 2 else "2", id_number=f"X{i:017d}",
                graduation_year=YEAR, enrolment_year=YEAR - 4, major=majors[i % len(majors)], phone=f"138{i:08d}",
                enrolment_status=status)
        for i in range(ROWS)
    ], batch_size=2000)


def run():
    from bench.bench_imports import report, school_admin
    from careers.core.exports import find_export_view
    from careers.core.jobs import start_job
    from careers.core.models import Job

    make_students()
    user = school_admin()
    view = find_export_view("careers.students.records.views.StudentExportView")
    fields = [f.name for f in view.export_fields()]
    started = time.perf_counter()
    job = start_job("export", "导出学生", {"view": view.key(), "query": f"graduation_year={YEAR}", "fields": fields,
                                        "format": "xlsx", "operating_year": YEAR}, user, total=ROWS)
    report("export_students_xlsx_20000", time.perf_counter() - started, TARGET_SECONDS)
    assert job.status == Job.Status.SUCCEEDED and job.result.get("rows") == ROWS, job.message
