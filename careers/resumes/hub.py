"""我的简历 on the student hub (/me/): the latest résumé's completeness — which parts that employers and the
nightly job matching read are still empty."""

from django.db.models import Count, Exists, OuterRef

from .models import Resume, ResumeEducation, ResumeExperience

# (label, is it filled) in the order the résumé form asks for them
PARTS = (
    ("期望地区", lambda r: r.n_regions > 0),
    ("期望行业", lambda r: r.expected_industry_id is not None),
    ("期望职位", lambda r: bool(r.expected_position)),
    ("期望月薪", lambda r: r.salary_min is not None or r.salary_max is not None),
    ("教育经历", lambda r: r.has_education),
    ("实践经历", lambda r: r.has_experience),
    ("技能特长", lambda r: bool(r.skills.strip())),
    ("自我评价", lambda r: bool(r.self_introduction.strip())),
)


def resume_card(request):
    resumes = Resume.objects.filter(student=request.student)
    latest = (resumes.annotate(
        n_regions=Count("expected_regions"),
        has_education=Exists(ResumeEducation.objects.filter(resume=OuterRef("pk"))),
        has_experience=Exists(ResumeExperience.objects.filter(resume=OuterRef("pk"))))
        .order_by("-updated_at", "-pk").first())
    if latest is None:
        return {"latest": None, "count": 0}
    missing = [label for label, filled in PARTS if not filled(latest)]
    return {"latest": latest, "count": resumes.count(), "missing": missing,
            "percent": round(100 * (len(PARTS) - len(missing)) / len(PARTS))}
