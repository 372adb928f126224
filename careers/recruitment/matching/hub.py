"""为你推荐 on the student hub (/me/): the latest matched jobs still open, with why they match."""

from ..jobs.models import Job
from .models import JobMatch, MatchOptOut

SHOWN = 3


def matches_card(request):
    student = request.student
    matches = list(JobMatch.objects.filter(student=student, job__in=Job.objects.published())
                   .select_related("job__employer", "job__region").order_by("-created_at", "-score", "-pk")[:SHOWN])
    context = {"matches": matches, "opted_out": False, "has_resume": True}
    if not matches:  # say why there is nothing and what to do
        context["opted_out"] = MatchOptOut.objects.filter(student=student).exists()
        context["has_resume"] = student.resumes.exists()
    return context
