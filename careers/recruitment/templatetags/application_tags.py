"""{% application_state job as state %} for the 投递简历 button on a job's public page (one query, students only)."""

from django import template
from django.utils import timezone

from ..models import Application

register = template.Library()


@register.simple_tag(takes_context=True)
def application_state(context, job):
    """{"kind": "anonymous" | "student" | "other", "application": the student's delivery or None, "open": bool}."""
    state = _state(context, job)
    state["open"] = bool(job.first_approved_at and job.closed_at is None and job.deadline >= timezone.localdate())
    return state


def _state(context, job):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"kind": "anonymous", "application": None}
    if user.kind != user.Kind.STUDENT:
        return {"kind": "other", "application": None}
    application = (Application.objects.filter(job=job, student__user=user).only("pk", "status", "job_id")
                   .first())
    return {"kind": "student", "application": application}
