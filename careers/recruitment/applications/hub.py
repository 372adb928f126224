"""我的投递 on the student hub (/me/): how many applications stand at each status, and the latest moves
(a status change counts as news, like a new delivery)."""

from django.db.models import Count
from django.db.models.functions import Coalesce

from .models import Application

SHOWN = 3


def applications_card(request):
    student = request.student
    mine = Application.objects.of_student(student)
    counts = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    statuses = [(value, label, counts.get(value, 0)) for value, label in Application.Status.choices]
    latest = list(mine.select_related("job", "employer").defer("snapshot", "job__description")
                  .order_by(Coalesce("status_changed_at", "created_at").desc(), "-pk")[:SHOWN]) if counts else []
    return {"statuses": statuses, "latest": latest, "total": sum(counts.values())}
