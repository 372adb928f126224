"""The unit's 缴纳参会费用 page for a fair: the amount due and its lines, the order (created on the unit's
POST, never on GET), the provider's instructions (offline: the school's account) and the transfer proof
upload. State moves go through `careers.events.payments.actions`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careers.core.views.generic import error_text
from careers.recruitment.employers.access import admitted_required
from careers.studentfiles.storage import private_file_response

from ..fairs import fees
from ..models import EmployerOperation, PaymentMethod
from ..participants.company import public_fair, require_participation, too_many
from ..participants.company_forms import ProofUploadForm
from ..participants.files import content_type_of
from . import actions
from .providers import get_provider


def _payable(request, pk):
    fair = public_fair(pk)
    if not fair.allows(EmployerOperation.PAY):
        raise PermissionDenied("本场招聘会未开放在线缴纳参会费用，请按学校通知办理。")
    return require_participation(request, fair)


@admitted_required
def payment(request, pk):
    participation = _payable(request, pk)
    fair = participation.fair
    order = actions.open_order(participation)
    methods = [(m, PaymentMethod(m).label) for m in fair.payment_methods or ()
               if m in PaymentMethod.values and _offered(m)]
    instructions = None
    if order is not None and order.status == "unpaid":
        instructions = _instructions(request, order)
    return render(request, "events/payments/company_payment.html", {
        "fair": fair, "participation": participation, "order": order, "methods": methods,
        "instructions": instructions, "proof_form": ProofUploadForm(),
        "fee_lines": fees.fee_lines(fair, participation.booths_requested, len(participation.attendees or ())),
        "history": participation.orders.order_by("-pk")[:10]})


def _offered(method):
    """A method the fair allows whose provider is registered and ready (WeChat Pay: 微信商户设置 enabled)."""
    try:
        provider = get_provider(method)
    except KeyError:
        return False
    return getattr(provider, "available", lambda: True)()


def _instructions(request, order):
    """What the page shows to pay `order`: a provider with `page_instructions(request, order)` (WeChat: JSAPI
    inside WeChat, a QR code on PC) decides by the browser; the others answer `create(order)`."""
    provider = get_provider(order.method)
    page = getattr(provider, "page_instructions", None)
    return page(request, order) if page else provider.create(order)


@require_POST
@admitted_required
def payment_start(request, pk):
    participation = _payable(request, pk)
    try:
        outcome = actions.create_order(participation, method=request.POST.get("method", "offline"),
                                                by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, outcome.message)
    return redirect("company_events:payment", pk=pk)


@require_POST
@admitted_required
def payment_proof(request, pk):
    participation = _payable(request, pk)
    order = actions.open_order(participation)
    form = ProofUploadForm(request.POST, request.FILES)
    if too_many(request, "upload"):
        pass
    elif order is None:
        messages.error(request, "请先生成缴费订单，再上传转账凭证。")
    elif form.is_valid():
        data, extension = form.cleaned_data["proof"]
        try:
            outcome = actions.upload_proof(order, data, extension, by=request.user)
        except ValidationError as exc:
            messages.error(request, "凭证上传失败：" + error_text(exc))
        else:
            messages.success(request, outcome.message)
    else:
        messages.error(request, "凭证上传失败：" + "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("company_events:payment", pk=pk)


@admitted_required
def payment_proof_file(request, pk, order_pk):
    participation = _payable(request, pk)
    order = participation.orders.filter(pk=order_pk).first()
    if order is None:
        from django.http import Http404
        raise Http404
    ext = order.proof.name.rsplit(".", 1)[-1] if order.proof else "bin"
    return private_file_response(order.proof, content_type_of(order.proof), filename=f"转账凭证-{order.number}.{ext}")
