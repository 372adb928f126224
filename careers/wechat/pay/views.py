"""微信商户设置 (back office), 测试支付 (its QR and a polling status), the payment notification endpoint (site,
csrf-exempt: WeChat signs it) and the unit's WeChat Pay pieces (JSAPI page inside WeChat, the QR's polling status)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from careers.core.views import generic
from careers.core.views.settings_page import SingletonSettingsView
from careers.core.views.generic import error_text
from careers.recruitment.employers.access import admitted_required, own_object

from . import actions
from . import client as pay
from .forms import MerchantSettingsForm
from .models import MerchantSettings, PayState, PayTransaction
from .provider import NotificationRefused, instructions, provider, refresh

JSAPI_DIRECTORY_NAME = "wechat_company:pay_jsapi"


def authorization_directory(request=None):
    """The 支付授权目录 to paste into the WeChat platform: the site's origin + the JSAPI page's directory."""
    return pay.site_origin(request) + reverse(JSAPI_DIRECTORY_NAME)


class MerchantSettingsView(SingletonSettingsView):
    queryset = MerchantSettings.objects.all()
    template_name = "wechat/pay/settings.html"
    form_class = MerchantSettingsForm
    view_permission = actions.VIEW
    change_permission = actions.CHANGE
    refusal = "只有学校管理员可以修改微信商户设置。"
    saved_message = "微信商户设置已保存。请将支付授权目录填入微信支付平台，并点击“测试支付”验证。"
    success_url = "wechat:merchantsettings_edit"

    def load(self):
        return actions.load_settings()

    def save(self, obj, acting_user):
        actions.save_settings(obj, acting_user=acting_user)

    def extra_context(self, form, obj):
        origin = pay.site_origin(self.request)
        return {"directory": authorization_directory(self.request), "https": origin.startswith("https://"),
                "notify_url": origin + reverse("wechat_site:pay_notify"), "missing": pay.missing(obj),
                "app_id": pay.app_id(), "tests": actions.test_payments()[:5]}


class TestPaymentStartView(generic.BackofficeView):
    def post(self, request):
        self.require(actions.CHANGE)
        try:
            tx = actions.start_test_payment(acting_user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "测试支付下单失败：" + error_text(exc))
            return redirect("wechat:merchantsettings_edit")
        return redirect("wechat:pay_test_detail", pk=tx.pk)


class TestPaymentView(generic.BackofficeView):
    template_name = "wechat/pay/test_payment.html"

    def get(self, request, pk):
        self.require(actions.VIEW)
        tx = get_object_or_404(PayTransaction, pk=pk, is_test=True)
        from django.utils import timezone

        data, error = {}, ""
        if tx.state == PayState.NOTPAY and tx.expires_at <= timezone.now():
            error = "该测试支付的二维码已过期，请返回微信商户设置重新发起测试支付。"
        elif tx.state == PayState.NOTPAY:
            data = instructions(None, tx)  # Native: no call to WeChat
        return render(request, self.template_name, {"tx": tx, "pay": data, "error": error, "page_title": "测试支付"})


class TestPaymentStatusView(generic.BackofficeView):
    """Polled by the test payment page (htmx): queries WeChat now and then, so a lost notification still ends."""

    def get(self, request, pk):
        self.require(actions.VIEW)
        tx = refresh(get_object_or_404(PayTransaction, pk=pk, is_test=True))
        return render(request, "wechat/pay/_test_status.html", {"tx": tx})


@csrf_exempt
@require_POST
def notify(request):
    """WeChat Pay's payment notification: 204 when handled (or already handled); 4xx + {"code": "FAIL"} when
    refused (bad signature, stale, unknown order, wrong amount) — logged, nothing marked."""
    try:
        provider.handle_notification(request)
    except NotificationRefused as exc:
        return JsonResponse({"code": "FAIL", "message": exc.messages[0]}, status=exc.status)
    return HttpResponse(status=204)


# -- the unit's side ---------------------------------------------------------------------------------------
def _own_order(request, pk):
    from careers.events.models import Order

    return own_object(request, Order.objects.select_related("participation__fair"), "participation__employer", pk=pk)


@admitted_required
def order_status(request, pk):
    """Polled by the unit's payment page while a WeChat QR is shown: paid → the page reloads to 已支付."""
    order = _own_order(request, pk)
    tx = order.wechat_transactions.filter(state=PayState.NOTPAY).order_by("-pk").first()
    if tx is not None and order.status == "unpaid":
        tx = refresh(tx)
        order.refresh_from_db()
    if order.status == "unpaid" and tx is not None and tx.state != PayState.NOTPAY:
        response = HttpResponse(status=204)  # the QR expired (closed): the page reloads and opens a new one
        response["HX-Refresh"] = "true"
        return response
    if order.status != "unpaid":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("company_events:payment", args=[order.participation.fair_id])
        return response
    return render(request, "wechat/pay/_order_status.html", {"order": order})


@admitted_required
def jsapi_page(request):
    """The JSAPI pay page (its directory is the 支付授权目录): opened inside WeChat, it invokes
    WeixinJSBridge getBrandWCPayRequest with the signed parameters of the unit's order."""
    from careers.wechat.binding.models import WechatBinding

    try:
        pk = int(request.GET.get("order", ""))
    except ValueError:
        pk = 0
    order = _own_order(request, pk)
    fair = order.participation.fair
    binding = WechatBinding.objects.filter(user=request.user).first()
    data, error = None, ""
    if order.status != "unpaid":
        return redirect("company_events:payment", pk=fair.pk)
    if binding is None:
        error = "您的账号尚未绑定微信，无法在微信内支付。请先绑定微信，或在电脑上扫码支付。"
    else:
        try:
            data = provider.create(order, payer_openid=binding.openid)
        except ValidationError as exc:
            error = error_text(exc)
    return render(request, "wechat/pay/jsapi.html", {"order": order, "fair": fair, "pay": data, "error": error,
                                                     "back": reverse("company_events:payment", args=[fair.pk])})


def is_wechat_browser(request):
    return "micromessenger" in request.META.get("HTTP_USER_AGENT", "").lower()
