"""Demo résumés in every variant: with a PDF attachment (private storage: no public URL) and without,
private and shown to employers, 已审核 / 待审核 / 未通过, recommended or not, with and without the
education, experience and award sections. Each is drawn from the pools of the student's college (profiles.py:
wished posts, skills, internships, expected industry, pay and cities), with a self-evaluation of its own.

The first demo students (the ones the recruitment demo lets deliver) get two or three each, so the
demo student account shows them all. Idempotent: a student who has a résumé is left alone.
"""

import io
import random

from django.core.files.base import ContentFile
from django.db import transaction

from careers.codes.models import Code
from careers.students.models import Student

from .models import Resume, ResumeAward, ResumeEducation, ResumeExperience
from .profiles import DEFAULT_FIELD, FIELDS, OTHER_REGIONS, TRAITS, wished_positions

MAX_STUDENTS = 6
# (kind, attachment, visibility, review status, recommended, sections); kind "post" and "post2" are named after
# the student's first and second wished post, "internship" is an internship résumé.
VARIANTS = [
    ("post", True, "employers", "approved", True, True),
    ("internship", False, "private", "approved", False, False),
    ("post2", True, "employers", "pending", False, True),
    ("general", False, "employers", "rejected", False, True),
]
DEGREES = {"01": "博士研究生", "11": "硕士研究生", "31": "本科", "41": "专科"}


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
                    .select_related("major__college", "major__education_level").order_by("pk")[:MAX_STUDENTS])
    taken = set(Resume.objects.values_list("self_introduction", flat=True))
    for index, student in enumerate(students):
        if Resume.objects.filter(student=student).exists():
            continue
        # the first student has every variant (the main one made last: the newest, shown first on the hub);
        # the others one each, in turn
        for variant in reversed(VARIANTS) if index == 0 else [VARIANTS[index % len(VARIANTS)]]:
            make_resume(student, variant, taken)


def student_rng(student):
    """The student's own generator (seeded by the 学号): the résumé is the same on every build, and the
    demo's shared random stream is not consumed, so later steps see the same values."""
    return random.Random(f"resume-{student.student_number}")


def make_resume(student, variant=("general", False, "employers", "approved", False, True), taken=None):
    """One résumé of `student` drawn from the pools of the student's college (profiles.py); `taken` holds the
    self-evaluations already used, so the new one differs from all of them (and is added)."""
    kind, attachment, visibility, status, recommended, sections = variant
    taken = set(Resume.objects.values_list("self_introduction", flat=True)) if taken is None else taken
    rng = random.Random(f"{student_rng(student).random()}-{kind}")
    field = FIELDS.get(student.major.college.name, FIELDS[DEFAULT_FIELD])
    positions = wished_positions(student.major.name, field)
    first = student_rng(student).randrange(len(positions))
    position, industry = positions[(first + (kind == "post2")) % len(positions)]
    level = student.major.education_level.code if student.major.education_level_id else "31"
    internship = kind == "internship"
    title = {"internship": "实习简历（仅自己可见）", "general": "求职简历"}.get(kind, f"{position}岗位简历")
    low = field["salary"] + {"01": 6000, "11": 3000, "41": -1500}.get(level, 0) + rng.choice([-500, 0, 500, 1000])
    salary = (3000, 4500) if internship else (low, low + rng.choice([2000, 3000, 4000]))
    resume = Resume(student=student, title=title, job_type="internship" if internship else "fulltime",
                    expected_position=f"{position}（实习）" if internship else position,
                    expected_industry=Code.objects.of("industry").filter(code=industry).first(),
                    skills="\n".join(rng.sample(field["skills"], 5)),
                    self_introduction=self_evaluation(student, field, rng, taken), visibility=visibility,
                    review_status=status, is_recommended=recommended, salary_min=salary[0] if sections else None,
                    salary_max=salary[1] if sections else None)
    if attachment:
        resume.attachment.save("resume.pdf", ContentFile(demo_pdf(title)), save=False)
    resume.save()
    # every student asks for Wuhan, where the school and most demo units are, and maybe one or two more cities
    regions = ["420100", *rng.sample(OTHER_REGIONS, rng.randint(0, 2))]
    resume.expected_regions.set(Code.objects.of("region").filter(code__in=regions))
    if sections:
        _sections(resume, student, field, rng, level)
    return resume


def self_evaluation(student, field, rng, taken):
    """An evaluation of the student's field that is not in `taken` (added to it)."""
    level = student.major.education_level.code if student.major.education_level_id else "31"
    opening = f"{student.major.name}专业{DEGREES.get(level, '本科')}应届毕业生。"
    for _ in range(50):
        text = (f"{opening}{rng.choice(field['strengths'])}；{rng.choice(TRAITS)}。"
                f"{rng.choice(field['goals'])}")
        if text not in taken:
            break
    else:  # every combination used (never with the demo's few résumés): a distinct closing sentence
        text = f"{text}（第{len(taken) + 1}版）"
    taken.add(text)
    return text


def _sections(resume, student, field, rng, level):
    grad = student.graduation_year
    ResumeEducation.objects.create(resume=resume, school="本校", major=student.major.name,
                                   degree=DEGREES.get(level, "本科"), start=f"{student.enrolment_year}-09",
                                   end=f"{grad}-06")
    # an internship last summer and a project or campus role the year before
    for n, (organisation, role, kind, description) in enumerate(rng.sample(field["experiences"], 2)):
        start, end = (f"{grad - 1}-07", f"{grad - 1}-08") if n == 0 else (f"{grad - 2}-03", f"{grad - 2}-12")
        ResumeExperience.objects.create(resume=resume, kind=kind, organisation=organisation, role=role, start=start,
                                        end=end, description=description)
    name, issuer = rng.choice(field["awards"])
    ResumeAward.objects.create(resume=resume, name=name, awarded_on=f"{grad - 2}-{rng.choice(['05', '10', '12'])}",
                               issuer=issuer)
