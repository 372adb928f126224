"""WeChat Pay by Native QR (issue 18 "done when"): the unit opens its fee page, chooses 微信支付, sees the QR; the
payer pays in the fake WeChat's page; the fake's signed, encrypted notification reaches the live site and the unit's
page, polling, turns to 已缴费 by itself."""

import pytest
from django.urls import reverse

from careers.wechat.fake.pay_demo_keys import DEMO_API_V3_KEY, DEMO_CERT_SERIAL, DEMO_MERCHANT_PRIVATE_KEY
from careers.wechat.fake.server import FakeWechat
from tests.events.participants_support import code_tables  # noqa: F401  (regions for EmployerFactory)
from tests.factories import TEST_PASSWORD, EmployerFactory, FairFactory, ParticipationFactory

pytestmark = pytest.mark.browser


def test_unit_pays_fair_fee_by_native_qr(browse, demo, code_tables, settings, live_server):  # noqa: F811
    from careers.wechat.account.models import WechatAccount
    from careers.wechat.pay import client as pay_client
    from careers.wechat.pay.models import MerchantSettings

    with FakeWechat() as fake:
        settings.WECHATPAY_API_BASE = fake.url
        settings.WECHAT_FAKE_URL = fake.url
        settings.SITE_URL = live_server.url
        pay_client._cache.clear()
        WechatAccount.objects.update_or_create(pk=1, defaults=dict(app_id="wx1234567890abcdef", enabled=True,
                                                                    app_secret="s" * 32, token="t"))
        MerchantSettings.objects.update_or_create(pk=1, defaults=dict(
            mch_id=fake.mch_id, api_v3_key=DEMO_API_V3_KEY, cert_serial_no=DEMO_CERT_SERIAL,
            private_key=DEMO_MERCHANT_PRIVATE_KEY, enabled=True))
        unit = EmployerFactory(admitted=True, name="扫码支付测试有限公司")
        fair = FairFactory(title="微信支付双选会", payment_methods=["wechat"])
        ParticipationFactory(fair=fair, employer=unit, amount_due="860.00")

        b = browse()
        b.login(unit.user.username, TEST_PASSWORD)
        b.goto(reverse("company_events:payment", args=[fair.pk]))
        with b.page.expect_navigation():
            b.page.click("#start-payment")
        b.page.wait_for_selector("#wechat-qr svg")
        b.shot("wechat-pay-native-qr")
        sim_url = b.page.get_attribute("#sim-pay-link", "href")

        payer = b.page.context.new_page()
        payer.goto(sim_url)
        assert "¥860.00" in payer.inner_text("#amount")
        payer.click("#confirm-pay")
        payer.wait_for_selector("#sim-result")
        assert "商户已确认收到通知" in payer.inner_text("#sim-result")
        payer.close()

        b.page.wait_for_selector("#order-paid", timeout=20_000)  # the poll redirects to the paid page
        assert "已缴费" in b.page.inner_text("#order-paid")
