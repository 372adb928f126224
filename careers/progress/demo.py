"""Demo progress projects for the 2026 cohort: one closed (every major reported), one open (some reported)."""

import datetime

from django.utils import timezone

from .figures import DEFAULT_FIGURES
from .models import ProgressProject, ProgressReport

FIGURES = [*DEFAULT_FIGURES[:4], {"key": "rate", "label": "去向落实率", "kind": "percentage"}, DEFAULT_FIGURES[4]]


def seed(rng, years):
    from careers.accounts.models import User

    year = 2026 if 2026 in years else min(years)
    admin = User.objects.filter(username="10001").first()
    now = timezone.now()
    closed, _ = ProgressProject.objects.get_or_create(
        title=f"{year}届毕业生就业进展（第一期）", defaults={
            "graduation_year": year, "starts_at": now - datetime.timedelta(days=60),
            "ends_at": now - datetime.timedelta(days=45), "figures": FIGURES, "created_by": admin,
            "description": "请各学院按专业报送截至报送日的就业进展。"})
    current, _ = ProgressProject.objects.get_or_create(
        title=f"{year}届毕业生就业进展（第二期）", defaults={
            "graduation_year": year, "starts_at": now - datetime.timedelta(days=5),
            "ends_at": now + datetime.timedelta(days=10), "figures": FIGURES, "created_by": admin,
            "description": "“毕业生人数”“已就业人数”等可参考系统参考值，如有出入以学院台账为准。"})
    _report(rng, closed, share=1.0, shrink=0.85)
    _report(rng, current, share=0.5, shrink=1.0)


def _report(rng, project, *, share, shrink):
    """Reports for a share of the expected majors, from the system's figures (a bit lower for the early one)."""
    from careers.accounts.models import User
    from careers.org.models import Major
    from careers.students.models import Student

    from .suggestions import suggestions

    if project.reports.exists():
        return
    majors = list(Major.objects.filter(is_active=True, pk__in=Student.objects.filter(
        graduation_year=project.graduation_year, is_active=True).values("major_id")).select_related("college")
        .order_by("college__sort", "name", "pk"))
    college_admins = User.objects.filter(kind=User.Kind.COLLEGE_ADMIN).prefetch_related("managed_majors")
    admins = {m.pk: user for user in college_admins for m in user.managed_majors.all()}
    figures = suggestions(project.graduation_year, [m.pk for m in majors])
    reports = []
    for index, major in enumerate(majors):
        if share < 1 and rng.random() > share:
            continue
        known = figures[major.pk]
        graduates = known["graduates"]
        employed = min(graduates, int(known["employed"] * shrink) or int(graduates * rng.uniform(0.4, 0.7) * shrink))
        study = min(graduates - employed, known["further_study"] or int(graduates * rng.uniform(0.05, 0.15)))
        signed = min(employed, known["signed"] or int(employed * rng.uniform(0.5, 0.8)))
        rate = round((employed + study) * 100 / graduates, 2) if graduates else 0
        reports.append(ProgressReport(
            project=project, major=major, reported_by=admins.get(major.pk) or project.created_by,
            reported_at=project.starts_at + datetime.timedelta(hours=3 + index),
            values={"graduates": graduates, "employed": employed, "further_study": study, "signed": signed,
                    "rate": rate, "note": ""}))
    ProgressReport.objects.bulk_create(reports)
