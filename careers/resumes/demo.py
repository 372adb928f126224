"""Demo résumés in every variant: with a PDF attachment (private storage: no public URL) and without,
private and shown to employers, 已审核 / 待审核 / 未通过, recommended or not, with and without the
education, experience and award sections.

The first demo students (the ones the recruitment demo lets deliver) get two or three each, so the
demo student account shows them all. Idempotent: a student who has a résumé is left alone.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction

from careers.students.models import Student

from .models import Resume, ResumeAward, ResumeEducation, ResumeExperience

MAX_STUDENTS = 6
# (title, attachment, visibility, review status, recommended, sections)
VARIANTS = [
    ("软件开发岗位简历", True, "employers", "approved", True, True),
    ("实习简历（仅自己可见）", False, "private", "approved", False, False),
    ("数据分析岗位简历", True, "employers", "pending", False, True),
    ("求职简历", False, "employers", "rejected", False, True),
]


def demo_pdf(title):
    """A one-page PDF made with reportlab (what a student would export from a word processor)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.drawString(72, 770, f"Resume (demo): {title.encode('ascii', 'ignore').decode() or 'CV'}")
    page.showPage()
    page.save()
    return out.getvalue()


@transaction.atomic
def seed(rng, years):
    year = max(years) if years else None
    students = list(Student.objects.filter(graduation_year=year, user__isnull=False, is_active=True)
                    .select_related("major").order_by("pk")[:MAX_STUDENTS])
    for index, student in enumerate(students):
        if Resume.objects.filter(student=student).exists():
            continue
        # the first student has every variant; the others one each, in turn
        variants = VARIANTS if index == 0 else [VARIANTS[index % len(VARIANTS)]]
        for title, attachment, visibility, status, recommended, sections in variants:
            resume = Resume(student=student, title=title, expected_position="软件开发", skills="Python\nSQL\n英语六级",
                            self_introduction="踏实认真，乐于学习。", visibility=visibility, review_status=status,
                            is_recommended=recommended, salary_min=6000 if sections else None,
                            salary_max=9000 if sections else None)
            if attachment:
                resume.attachment.save("resume.pdf", ContentFile(demo_pdf(title)), save=False)
            resume.save()
            if sections:
                ResumeEducation.objects.create(resume=resume, school="本校", major=student.major.name, degree="本科",
                                               start=f"{student.enrolment_year}-09", end=f"{student.graduation_year}-06")
                ResumeExperience.objects.create(resume=resume, organisation="星辰科技有限公司", role="实习生",
                                                start=f"{student.graduation_year - 1}-07",
                                                end=f"{student.graduation_year - 1}-08", description="参与后端接口开发。")
                ResumeAward.objects.create(resume=resume, name="校级一等奖学金", awarded_on=f"{student.graduation_year - 2}-10",
                                           issuer="本校")
