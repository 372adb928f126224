"""Public fair pages (no login, phone first): 招聘会 list and detail with the confirmed units, their
booths and the fair's visible jobs; the 报名 / 取消报名 buttons post to checkin/portal_registration.py."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from careers.recruitment.models import Job

from ..checkin.registration import capacity_of, closed_reason, registrations_of
from ..models import (
    Booth,
    Fair,
    FairStatus,
    ParticipantJob,
    Participation,
    ParticipationStatus,
)

PER_PAGE = 20


def visible_fairs():
    """Fairs the public may open: published (or cancelled after being public) and past 对外发布时间."""
    return Fair.objects.filter(status__in=(FairStatus.PUBLISHED, FairStatus.CANCELLED),
                               publish_at__lte=timezone.now())


def fair_list(request):
    past = request.GET.get("past") == "1"
    now = timezone.now()
    fairs = Fair.objects.public().select_related("venue").annotate(
        units=Count("participations", filter=Q(participations__status=ParticipationStatus.CONFIRMED)))
    fairs = fairs.filter(ends_at__lt=now).order_by("-starts_at", "-pk") if past else \
        fairs.filter(ends_at__gte=now).order_by("starts_at", "pk")
    page = Paginator(fairs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/fairs/site/fair_list.html", {"page": page, "past": past, "now": now})


def student_of(user):
    if not user.is_authenticated or user.kind != user.Kind.STUDENT:
        return None
    from careers.students.models import Student

    return Student.objects.filter(user=user).first()


def registration_state(request, fair):
    """What the 报名 box shows: who is asking, whether they are registered, why it is closed."""
    user = request.user
    kind = "anonymous" if not user.is_authenticated else ("student" if user.kind == user.Kind.STUDENT else "other")
    student = student_of(user) if kind == "student" else None
    count = registrations_of(fair).count()
    limit = capacity_of(fair)
    return {"kind": kind, "student": student,
            "registered": bool(student and registrations_of(fair).filter(student=student).exists()),
            "closed": closed_reason(fair), "count": count, "limit": limit,
            "started": fair.starts_at <= timezone.now(),
            "full": limit is not None and count >= limit}


def fair_detail(request, pk):
    fair = visible_fairs().select_related("venue").filter(pk=pk).first()
    if fair is None:
        raise Http404("招聘会不存在或尚未对外发布。")
    units = list(Participation.objects.confirmed().filter(fair=fair, employer__user__is_active=True)
                 .select_related("employer__industry")
                 .prefetch_related(Prefetch("booths", queryset=Booth.objects.order_by("code")))
                 .order_by("employer__name", "pk"))
    units.sort(key=lambda p: ([b.code for b in p.booths.all()] or ["~"], p.employer.name))
    jobs = list(ParticipantJob.objects.filter(
        participation__fair=fair, participation__status=ParticipationStatus.CONFIRMED, hidden=False,
        job__in=Job.objects.published()).select_related("job__employer", "job__region__parent", "job__education")
        .order_by("participation__employer__name", "job__title", "pk"))
    for unit in units:
        unit.booth_codes = "、".join(b.code for b in unit.booths.all())
    return render(request, "events/fairs/site/fair_detail.html", {
        "fair": fair, "units": units, "jobs": jobs,
        "openings": sum(j.job.openings for j in jobs), "state": registration_state(request, fair),
        "cancelled": fair.status == FairStatus.CANCELLED, "over": fair.ends_at <= timezone.now()})
