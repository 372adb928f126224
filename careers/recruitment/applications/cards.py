"""The employer home's 简历投递 card: what arrived since the account's previous visit, what still waits
for a decision. Only the unit's own deliveries (`own_objects`); a fixed number of queries."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.fields.json import KT
from django.urls import reverse
from django.utils import timezone

from ..employers.access import own_objects
from .models import Application

LATEST = 5


def new_applications(request):
    employer = getattr(request, "employer", None)
    if employer is None:
        return None
    since = getattr(request, "company_last_visit", None) or timezone.now() - datetime.timedelta(days=7)
    received = own_objects(request, Application.objects.all())
    totals = received.aggregate(
        total=Count("pk"), new=Count("pk", filter=Q(created_at__gt=since)),
        undecided=Count("pk", filter=Q(status=Application.Status.DELIVERED)),
        interview=Count("pk", filter=Q(status=Application.Status.INTERVIEW)))
    latest = []
    if totals["new"]:
        latest = list(received.filter(created_at__gt=since).select_related("job").only(
            "pk", "status", "created_at", "job__title").annotate(applicant=KT("snapshot__name"))
            .order_by("-created_at", "-pk")[:LATEST])
    url = reverse("company:application_list")
    return {
        **totals, "latest": latest, "since": since, "first_visit": getattr(request, "company_first_visit", True),
        "list_url": url,
        "new_url": f"{url}?{urlencode({'since': timezone.localtime(since).isoformat()})}",
        "undecided_url": f"{url}?status={Application.Status.DELIVERED}",
        "interview_url": f"{url}?status={Application.Status.INTERVIEW}",
        # no jobs yet: the card says to post one (the jobs card counts them; one cheap query here)
        "has_jobs": totals["total"] > 0 or employer.jobs.exists(),
    }
