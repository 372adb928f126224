"""The employer home's 职位 card: the unit's jobs counted per state (one query) and the published ones
whose deadline falls within the week, to extend in time. Only the unit's own jobs (`own_objects`)."""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from ..employers.access import own_objects
from .models import Job, JobStatus, status_condition

EXPIRING_WITHIN = datetime.timedelta(days=7)
LISTED = 5
# Shown in this order; the badge colour of each state as on the 职位管理 list.
STATES = [(JobStatus.APPROVED, "text-success"), (JobStatus.WAITING, "text-warning-emphasis"),
          (JobStatus.RE_REVIEW, "text-warning-emphasis"), (JobStatus.REJECTED, "text-danger"),
          (JobStatus.EXPIRED, "text-secondary"), (JobStatus.CLOSED, "text-secondary")]


def jobs_by_state(request):
    if getattr(request, "employer", None) is None:
        return None
    today = timezone.localdate()
    jobs = own_objects(request, Job.objects.all())
    counts = jobs.aggregate(**{status.value: Count("pk", filter=status_condition(status, today))
                               for status, _ in STATES})
    until = today + EXPIRING_WITHIN
    expiring = list(jobs.filter(status_condition(JobStatus.APPROVED, today), deadline__lte=until)
                    .only("pk", "title", "deadline").order_by("deadline", "pk")[:LISTED + 1])
    url = reverse("company:job_list")
    states = [{"value": status.value, "label": status.label, "count": counts[status.value], "style": style,
               "url": f"{url}?status={status.value}"} for status, style in STATES]
    return {"states": states, "total": sum(counts.values()), "expiring": expiring[:LISTED],
            "more_expiring": len(expiring) > LISTED, "today": today, "until": until,
            "rejected": counts[JobStatus.REJECTED.value], "list_url": url}
