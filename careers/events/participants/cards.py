"""The employer home's 招聘会 card: the unit's applications to fairs still to come, each with its state and
what is still missing — attendees, poster or brochure, invoice details, the signed 回执, the fee — linked to
the page where the unit does it; what waits on the school (confirmation, booths, a transfer proof) is said
as such. Only the unit's own applications (`own_objects`); admitted units only, like the 招聘会 pages. A fixed
number of queries: the paid state and the open order are annotations, the booths one prefetch."""

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.utils import timezone

from careers.recruitment.employers.access import own_objects

from ..models import (
    Booth,
    EmployerOperation,
    Fair,
    Order,
    OrderStatus,
    Participation,
    ParticipationStatus,
    PosterMethod,
)
from ..payments.actions import paid_condition
from .applications import ACTIVE, edit_refusal

LISTED = 5
STYLES = {ParticipationStatus.PENDING: "text-bg-warning", ParticipationStatus.CONFIRMED: "text-bg-success"}
# (url name, anchor) of the page where the unit does each thing; every one is addressed by the fair
APPLY, DETAIL, RECEIPT, PAY = "company_events:apply", "company_events:fair_detail", "company_events:receipt", \
    "company_events:payment"


def _todo(p, now):
    """[(text, url name, kind)]: kind "todo" (the unit's move), "wait" (the school's), "done"."""
    fair, items = p.fair, []
    editable = not edit_refusal(p, now)
    if p.status == ParticipationStatus.PENDING:
        items.append(("等待学校确认参会申请", DETAIL, "wait"))
    if not p.attendees:
        items.append(("未填写参会人员", APPLY if editable else DETAIL, "todo"))
    if editable and fair.allows(EmployerOperation.POSTER):
        if fair.poster_method in (PosterMethod.IMAGE, PosterMethod.BOTH) and not p.poster:
            items.append(("未上传海报图片", APPLY, "todo"))
        if fair.poster_method in (PosterMethod.ATTACHMENT, PosterMethod.BOTH) and not p.brochure:
            items.append(("未上传招聘简章", APPLY, "todo"))
    if editable and fair.allows(EmployerOperation.INVOICE) and p.amount_due and not p.invoice_title:
        items.append(("未填写发票信息", APPLY, "todo"))
    if fair.allows(EmployerOperation.RECEIPT) and not p.receipt_file:
        items.append(("回执未上传：打印回执，签字盖章后上传", RECEIPT, "todo"))
    if fair.allows(EmployerOperation.PAY) and p.amount_due and not p.paid:
        if p.order_proof and not p.order_proof_note:
            items.append(("转账凭证已上传，等待学校确认收款", PAY, "wait"))
        elif p.order_proof_note:
            items.append((f"转账凭证被退回（{p.order_proof_note}），请重新上传", PAY, "todo"))
        else:
            items.append((f"未缴纳参会费用 {p.amount_due} 元", PAY, "todo"))
    if p.status == ParticipationStatus.CONFIRMED and not p.booth_codes:
        items.append(("展位待学校分配", DETAIL, "wait"))
    if not any(kind == "todo" for _, _, kind in items):
        items.append(("参会准备已完成" if p.status == ParticipationStatus.CONFIRMED else "资料已齐全", DETAIL, "done"))
    return items


def fair_participations(request):
    employer = getattr(request, "employer", None)
    if employer is None or not employer.is_admitted:
        return None
    now = timezone.now()
    unpaid = Order.objects.filter(participation=OuterRef("pk"), status=OrderStatus.UNPAID).order_by("-pk")
    participations = list(
        own_objects(request, Participation.objects.select_related("fair"))
        .filter(status__in=ACTIVE, fair__in=Fair.objects.public(), fair__ends_at__gte=now)
        .annotate(paid=ExpressionWrapper(paid_condition(), output_field=BooleanField()),
                  order_proof=Subquery(unpaid.values("proof")[:1]),
                  order_proof_note=Subquery(unpaid.values("proof_note")[:1]))
        .prefetch_related(Prefetch("booths", queryset=Booth.objects.order_by("code"), to_attr="booth_list"))
        .order_by("fair__starts_at", "pk")[:LISTED + 1])
    rows = []
    for p in participations[:LISTED]:
        p.booth_codes = [b.code for b in p.booth_list]
        rows.append({"p": p, "fair": p.fair, "style": STYLES[p.status], "todo": _todo(p, now)})
    open_fairs = (Fair.objects.public().filter(apply_deadline__gte=now, ends_at__gte=now)
                  .exclude(participations__in=own_objects(request, Participation.objects.filter(status__in=ACTIVE)))
                  .count())
    return {"rows": rows, "more": len(participations) > LISTED, "open_fairs": open_fairs,
            "needs_action": sum(1 for row in rows for _, _, kind in row["todo"] if kind == "todo")}
