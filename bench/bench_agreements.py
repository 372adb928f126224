"""协议书管理 at scale: 批量审核打印 of 2,000 首次申请 (manual 3.1.1).

(a) numbering: approve and number 2,000 pending applications in one batch — the numbers, the applications'
    state, the students' 就业信息 协议书编号, history rows and the operation log (target ≤ 2 s);
(b) the PDFs: one per student, in one ZIP, as the background job draws them (target ≤ 60 s).
"""

import time

from bench.common import line

COUNT = 2000
YEAR = 2027


def build():
    """2,000 graduates in 10 majors, each with a pending 首次申请 (setup, not measured)."""
    from careers.codes.models import Code
    from careers.employment.models import AgreementApplication, DispatchRecord, EmploymentRecord
    from careers.org.models import Campus, College, Major
    from careers.students.models import Student

    campus = Campus.objects.get_or_create(name="协议书基准校区")[0]
    college = College.objects.get_or_create(name="协议书基准学院")[0]
    level, duration, discipline = (Code.objects.of(kind).first()
                                   for kind in ("education_level", "duration", "discipline"))
    majors = [Major.objects.get_or_create(name=f"协议书基准专业{i}", campus=campus, college=college, defaults={
        "major_code": "080901", "education_level": level, "duration": duration, "discipline": discipline})[0]
        for i in range(10)]
    status = Code.objects.of("enrolment_status").get(code="01")
    students = Student.objects.bulk_create([
        Student(student_number=f"AG{i:08d}", name=f"协议书学生{i}", gender="1" if i % 2 else "2",
                id_number=f"AG{i:016d}", graduation_year=YEAR, enrolment_year=YEAR - 4, phone="13800000000",
                major=majors[i % len(majors)], enrolment_status=status)
        for i in range(COUNT)], batch_size=2000)
    DispatchRecord.objects.bulk_create([DispatchRecord(student=s) for s in students], batch_size=2000)
    EmploymentRecord.objects.bulk_create([EmploymentRecord(student=s) for s in students], batch_size=2000)
    return AgreementApplication.objects.bulk_create([AgreementApplication(student=s) for s in students],
                                                    batch_size=2000)


def remove():
    from careers.employment.models import AgreementApplication, AgreementNumber
    from careers.students.models import Student

    AgreementApplication.objects.filter(student__student_number__startswith="AG").update(number=None)
    AgreementNumber.objects.filter(student__student_number__startswith="AG").delete()
    Student.objects.filter(student_number__startswith="AG").delete()


def run():
    from bench.bench_imports import school_admin
    from careers.employment.agreements import actions
    from careers.employment.agreements.jobs import write_zip
    from careers.employment.agreements.printing import printable
    from careers.employment.models import AgreementNumber, EmploymentRecord

    from django.urls import reverse

    user = school_admin()
    reverse("employment_portal:agreements")  # a serving process has its URLconf loaded (the inbox links use it)
    remove()
    try:
        applications = build()
        started = time.perf_counter()
        printed = actions.print_batch(applications, batch_label="基准批次", start="2027000001", acting_user=user)
        line(f"agreements_print_batch_numbering_{COUNT}", f"{time.perf_counter() - started:.2f}", "s", 2)
        assert [a.number.number for a in printed][-1] == f"2027{COUNT:06d}"
        assert AgreementNumber.objects.filter(batch_label="基准批次").count() == COUNT
        assert EmploymentRecord.objects.filter(student__student_number__startswith="AG",
                                               agreement_number__startswith="2027").count() == COUNT
        started = time.perf_counter()
        rows = list(printable([a.pk for a in printed]))
        data = write_zip(rows)
        line(f"agreements_print_batch_pdfs_{COUNT}", f"{time.perf_counter() - started:.1f}", "s", 60,
             note=f"{len(data) / 1024 / 1024:.1f} MB ZIP")
    finally:
        remove()
