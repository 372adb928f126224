"""The employer portal's 招聘会 (manual 4.6.2 from the unit's side): public fairs with the unit's apply state,
the application form (apply / edit until the deadline while pending), withdraw, the 回执 (HTML and PDF) and
the signed receipt upload. Only 已入驻 units (`admitted_required`); every write goes through
`careers.events.participants.applications`. Pages are addressed by the fair: a unit has at most one application per fair.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careers.core import ratelimit
from careers.core.views.generic import error_text
from careers.recruitment.employers.access import admitted_required, own_objects
from careers.studentfiles.storage import private_file_response

from ..fairs import fees
from ..models import EmployerOperation, Fair, Participation
from ..payments import actions as actions_payments
from . import applications, receipts
from .company_forms import ApplicationForm, ReceiptUploadForm
from .files import content_type_of

TOO_MANY = "操作过于频繁，请稍后再试。"
LIMITS = {"upload": 30, "pdf": 60}  # per unit per 10 minutes: uploads are re-encoded, PDFs are built on demand


def too_many(request, kind):
    """True (and a message) when the unit exceeded its budget of `kind` operations."""
    if ratelimit.hit(f"events:{kind}:{request.employer.pk}", limit=LIMITS[kind], window=600):
        return False
    messages.error(request, TOO_MANY)
    return True


def public_fair(pk):
    return get_object_or_404(Fair.objects.public().select_related("venue"), pk=pk)


def own_participation(request, fair):
    """The unit's application to `fair`, or None."""
    return own_objects(request, Participation.objects.select_related("fair__venue", "employer")).filter(
        fair=fair).first()


def require_participation(request, fair):
    participation = own_participation(request, fair)
    if participation is None:
        raise Http404("贵单位没有申请参加该招聘会。")
    return participation


@admitted_required
def fair_list(request):
    now = timezone.now()
    fairs = Fair.objects.public().filter(ends_at__gte=now).select_related("venue").order_by("starts_at", "pk")
    page = Paginator(fairs, 20).get_page(request.GET.get("page"))
    mine = {p.fair_id: p for p in own_objects(request, Participation.objects.filter(fair__in=list(page.object_list)))}
    rows = [(fair, mine.get(fair.pk), applications.deadline_passed(fair, now)) for fair in page.object_list]
    return render(request, "events/participants/company/fair_list.html", {"page": page, "rows": rows})


@admitted_required
def fair_detail(request, pk):
    fair = public_fair(pk)
    participation = own_participation(request, fair)
    context = {"fair": fair, "participation": participation, "ops": set(fair.employer_operations or ()),
               "fee_lines": fees.fee_lines(fair, 1, 1), "refusal": applications.refusal(fair, request.employer)}
    if participation is not None:
        context.update({
            "edit_refusal": applications.edit_refusal(participation),
            "jobs": [e.job for e in participation.participant_jobs.select_related("job")],
            "order": actions_payments.open_order(participation),
            "paid": actions_payments.is_paid(participation),
            "receipt_form": ReceiptUploadForm(),
        })
    return render(request, "events/participants/company/fair_detail.html", context)


def _form_page(request, fair, form, participation=None):
    return render(request, "events/participants/company/apply_form.html", {
        "fair": fair, "form": form, "participation": participation,
        "fee_items": [(i.get("name"), i.get("amount"), fees.basis_label(i.get("per"))) for i in fair.fee_items or ()]})


@admitted_required
def apply(request, pk):
    """申请参会, or 修改 an application that is still pending before the deadline."""
    fair = public_fair(pk)
    participation = own_participation(request, fair)
    editing = participation is not None and participation.status in applications.ACTIVE
    reason = applications.edit_refusal(participation) if editing else applications.refusal(fair, request.employer)
    if reason:
        messages.error(request, reason)
        return redirect("company_events:fair_detail", pk=fair.pk)
    form = ApplicationForm(request.POST or None, request.FILES or None, fair=fair, employer=request.employer,
                           participation=participation if editing else None)
    if request.method == "POST" and request.FILES and too_many(request, "upload"):
        return redirect("company_events:fair_detail", pk=fair.pk)
    if request.method == "POST" and form.is_valid():
        try:
            if editing:
                applications.update(participation, form.values(), jobs=form.chosen_jobs(), files=form.uploads(),
                                    acting_user=request.user)
                messages.success(request, "参会申请已修改。")
            else:
                applications.apply(fair, request.employer, form.values(), jobs=form.chosen_jobs(), files=form.uploads(),
                                   acting_user=request.user)
                messages.success(request, "参会申请已提交，等待学校确认。")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("company_events:fair_detail", pk=fair.pk)
    return _form_page(request, fair, form, participation if editing else None)


@require_POST
@admitted_required
def withdraw(request, pk):
    fair = public_fair(pk)
    participation = require_participation(request, fair)
    try:
        changed = applications.withdraw(participation, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "参会申请已撤回。" if changed else "参会申请此前已撤回。")
    return redirect("company_events:fair_detail", pk=fair.pk)


def _receipt_participation(request, pk):
    fair = public_fair(pk)
    participation = require_participation(request, fair)
    if participation.status not in applications.ACTIVE:
        raise PermissionDenied(f"参会申请当前为“{participation.get_status_display()}”，不能打印回执。")
    if not fair.allows(EmployerOperation.RECEIPT):
        raise PermissionDenied("本场招聘会未开放打印回执。")
    return participation


@admitted_required
def receipt(request, pk):
    participation = _receipt_participation(request, pk)
    return render(request, "events/participants/company/receipt.html", {
        **receipts.receipt_context(participation), "receipt_form": ReceiptUploadForm()})


@admitted_required
def receipt_pdf(request, pk):
    participation = _receipt_participation(request, pk)
    if too_many(request, "pdf"):
        return HttpResponse(TOO_MANY, status=429, content_type="text/plain; charset=utf-8")
    response = HttpResponse(receipts.receipt_pdf(participation), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{participation.fair_id}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@admitted_required
def receipt_upload(request, pk):
    fair = public_fair(pk)
    participation = require_participation(request, fair)
    form = ReceiptUploadForm(request.POST, request.FILES)
    if too_many(request, "upload"):
        pass
    elif form.is_valid():
        data, extension = form.cleaned_data["receipt"]
        try:
            applications.upload_receipt(participation, data, extension, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, "回执上传失败：" + error_text(exc))
        else:
            messages.success(request, "签字回执已上传。")
    else:
        messages.error(request, "回执上传失败：" + "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("company_events:fair_detail", pk=fair.pk)


FILES = {"poster": ("poster", "海报"), "brochure": ("brochure", "招聘简章"), "receipt": ("receipt_file", "回执")}


@admitted_required
def participation_file(request, pk, kind):
    """The unit's own uploads (poster, brochure, signed receipt), streamed from private storage."""
    if kind not in FILES:
        raise Http404
    participation = require_participation(request, public_fair(pk))
    field, label = FILES[kind]
    file = getattr(participation, field)
    ext = file.name.rsplit(".", 1)[-1] if file else "bin"
    return private_file_response(file, content_type_of(file), filename=f"{label}.{ext}")


