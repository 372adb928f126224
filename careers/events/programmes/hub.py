"""The student hub's 项目活动 card: the student's live entries and team invitations (hidden when there are none).
One query, whatever the student's data."""

from .models import ACTIVE_STATUSES, ProgrammeEntryMember

SHOWN = 5


def programmes_card(request):
    rows = list(ProgrammeEntryMember.objects.filter(student=request.student, active=True,
                                                    entry__status__in=ACTIVE_STATUSES)
                .select_related("entry__programme").order_by("confirmed_at", "-pk")[:SHOWN])
    if not rows:
        return None
    return {"memberships": rows, "invitations": sum(1 for m in rows if not m.confirmed_at)}
