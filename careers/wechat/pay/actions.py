"""微信商户设置 writes and the 测试支付 (manual 8.5 C: a 0.10-yuan Native order whose QR the admin scans).
Every write is logged (module 微信管理); the keys are never written to the log, only that they changed."""

from django.core.exceptions import ValidationError
from django.db import transaction

from careers.core.history import log_event
from careers.core.scoping import account, require_school

from . import client as pay
from .models import MerchantSettings, PayTransaction, TradeType

CHANGE = "wechat.merchantsettings.change"
VIEW = "wechat.merchantsettings.view"
MODULE = "微信管理"
SECRET_FIELDS = {"api_v3_key", "private_key"}
LABELS = {"mch_id": "商户号", "api_v3_key": "APIv3密钥", "cert_serial_no": "商户API证书序列号",
          "private_key": "商户API证书私钥", "platform_public_key": "微信支付公钥",
          "platform_public_key_id": "微信支付公钥ID", "enabled": "启用微信支付"}


def load_settings():
    return pay.merchant()


@transaction.atomic
def save_settings(obj, *, acting_user):
    require_school(acting_user, CHANGE, "只有学校管理员可以修改微信商户设置。")
    before = MerchantSettings.objects.select_for_update().filter(pk=1).first()
    changes = {}
    for name, label in LABELS.items():
        old, new = getattr(before, name, "") if before else "", getattr(obj, name)
        if old != new:
            changes[label] = "已更新" if name in SECRET_FIELDS else [str(old), str(new)]
    obj.pk = 1
    obj._history_user = account(acting_user)
    obj.save()
    log_event("change", module=MODULE, obj=obj, user=acting_user, changes=changes,
              message="修改微信商户设置" + (f"：{'、'.join(changes)}" if changes else "（无变化）"))
    return obj


def start_test_payment(*, acting_user):
    """A 0.10-yuan Native order (PayTransaction is_test) — proves 商户号, keys, AppID and the platform
    certificates together. ValidationError with WeChat's reason when it fails."""
    from .provider import TEST_AMOUNT_FEN, open_transaction, test_out_trade_no

    require_school(acting_user, CHANGE, "只有学校管理员可以发起测试支付。")
    try:
        client = pay.pay_client(require_enabled=False)
    except pay.PayError as exc:
        raise ValidationError(exc.message) from exc
    with transaction.atomic():
        tx = open_transaction(client, out_trade_no=test_out_trade_no(), trade_type=TradeType.NATIVE,
                              amount_fen=TEST_AMOUNT_FEN, description="微信商户设置测试支付", is_test=True)
        log_event("test_payment", module=MODULE, obj=tx, user=acting_user,
                  message=f"发起测试支付 {tx.out_trade_no}（0.10 元，扫码支付）")
    return tx


def test_payments():
    return PayTransaction.objects.filter(is_test=True).order_by("-pk")
