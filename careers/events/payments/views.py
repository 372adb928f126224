"""招聘服务管理 → 参会费用: the school's order list (filters, export), the order page with the unit's transfer
proof, 确认收款 (events:order_confirm), 退回凭证, 退款 and 关闭. Every move goes through payments/actions.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from careers.core.models import OperationLog
from careers.core.views import generic
from careers.studentfiles.storage import private_file_response

from ..participants.files import content_type_of
from . import actions
from .filtersets import OrderFilterSet
from .forms import ConfirmForm, ProofRejectForm, RefundForm
from .models import Order
from .tables import OrderTable

orders = Order.objects.select_related("participation__employer", "participation__fair")
CONFIRM = "events.order.confirm"
REFUND = "events.order.refund"


class OrderListView(generic.ObjectListView):
    queryset = orders
    filterset = OrderFilterSet
    table = OrderTable
    template_name = "events/payments/order_list.html"
    actions = ("export",)


class OrderView(generic.ModelViewMixin):
    queryset = orders.select_related("confirmed_by")
    template_name = "events/payments/order_detail.html"

    def get_object(self):
        return get_object_or_404(self.restricted("view"), pk=self.kwargs["pk"])

    def render_page(self, order, **forms):
        user = self.request.user
        return render(self.request, self.template_name, {
            **self.base_context(), "object": order, "order": order, "participation": order.participation,
            "can_confirm": user.has_permission(CONFIRM), "can_refund": user.has_permission(REFUND),
            "confirm_form": forms.get("confirm_form") or ConfirmForm(),
            "reject_form": forms.get("reject_form") or ProofRejectForm(),
            "refund_form": forms.get("refund_form") or RefundForm(),
            "others": order.participation.orders.exclude(pk=order.pk).order_by("-pk"),
            "history": OperationLog.objects.filter(object_type="events.order", object_id=str(order.pk))
            .order_by("-pk")[:30]})

    def get(self, request, pk):
        return self.render_page(self.get_object())


class OrderMoveView(OrderView):
    """POST-only: one state move of an order; the outcome (or refusal) is flashed on the order page."""

    permission = CONFIRM
    form_class = None
    form_name = ""

    def get(self, request, pk):
        return redirect("events:order_detail", pk=pk)

    def post(self, request, pk):
        order = self.get_object()
        self.require(self.permission)
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            return self.render_page(order, **{self.form_name: form})
        try:
            outcome = self.move(order, form.cleaned_data if form else {})
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "操作未完成：" + generic.error_text(exc))
        else:
            (messages.success if outcome.changed else messages.info)(request, outcome.message)
        return redirect("events:order_detail", pk=order.pk)


class OrderConfirmView(OrderMoveView):
    form_class, form_name = ConfirmForm, "confirm_form"

    def move(self, order, data):
        return actions.mark_paid(order, transaction_id=data["transaction_id"], by=self.request.user)


class OrderRejectProofView(OrderMoveView):
    form_class, form_name = ProofRejectForm, "reject_form"

    def move(self, order, data):
        return actions.reject_proof(order, data["reason"], by=self.request.user)


class OrderRefundView(OrderMoveView):
    permission = REFUND
    form_class, form_name = RefundForm, "refund_form"

    def move(self, order, data):
        return actions.refund(order, data["reason"], by=self.request.user)


class OrderCloseView(OrderMoveView):
    def move(self, order, data):
        return actions.close(order, by=self.request.user, note="管理员关闭")


class OrderProofView(OrderView):
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py
    def get(self, request, pk):
        order = self.get_object()
        ext = order.proof.name.rsplit(".", 1)[-1] if order.proof else "bin"
        return private_file_response(order.proof, content_type_of(order.proof),
                                     filename=f"转账凭证-{order.number}.{ext}")

