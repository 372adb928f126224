"""The employer home's 宣讲会 card: the unit's talks still to come (applied, approved, or refused with the
reason) and what each still needs. Only the unit's own talks (`own_objects`); admitted units only, like
the 宣讲会 pages. A fixed number of queries."""

from django.db.models import Count
from django.utils import timezone

from careers.recruitment.employers.access import own_objects

from .models import Talk, TalkStatus

LISTED = 5
STYLES = {TalkStatus.PENDING: "text-bg-warning", TalkStatus.APPROVED: "text-bg-success",
          TalkStatus.REJECTED: "text-bg-danger"}


def _todo(talk):
    """[(text, url name or "", kind)] for one talk: what the unit should do, or what it waits for."""
    if talk.status == TalkStatus.PENDING:
        items = [("等待学校审核，审核前可以修改或撤回", "company_events:talk_detail", "wait")]
        if not talk.job_count:
            items.append(("未选择招聘职位", "company_events:talk_edit", "todo"))
        return items
    if talk.status == TalkStatus.REJECTED:
        reason = talk.review_note or "请查看审核意见"
        return [(f"未通过：{reason}，可改期后重新申请", "company_events:talk_apply", "todo")]
    return [(f"已公布，学生报名 {talk.registration_count} 人", "company_events:talk_detail", "done")]


def upcoming_talks(request):
    employer = getattr(request, "employer", None)
    if employer is None or not employer.is_admitted:
        return None
    talks = list(own_objects(request, Talk.objects.select_related("venue"))
                 .filter(ends_at__gte=timezone.now(),
                         status__in=(TalkStatus.PENDING, TalkStatus.APPROVED, TalkStatus.REJECTED))
                 .annotate(job_count=Count("jobs", distinct=True),
                           registration_count=Count("registrations", distinct=True))
                 .order_by("starts_at", "pk")[:LISTED + 1])
    rows = [{"talk": talk, "style": STYLES[talk.status], "todo": _todo(talk)} for talk in talks[:LISTED]]
    return {"rows": rows, "more": len(talks) > LISTED,
            "needs_action": sum(1 for row in rows for _, _, kind in row["todo"] if kind == "todo")}
