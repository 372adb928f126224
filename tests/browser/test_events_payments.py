"""A unit applies to a fair on a phone (390×844), opens its 回执 and uploads the transfer proof; the school
confirms the payment and the unit sees 已缴费."""

import pytest
from django.urls import reverse

from careers.core.demo import DEMO_PASSWORD
from careers.events.models import Order, Participation
from tests.events.participants_support import code_tables  # noqa: F401  (regions for EmployerFactory)
from tests.factories import TEST_PASSWORD, EmployerFactory, FairFactory, JobFactory
from tests.studentfiles.helpers import png_bytes

pytestmark = pytest.mark.browser


def test_unit_applies_prints_receipt_and_pays(browse, demo, code_tables, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    unit = EmployerFactory(admitted=True, name="浏览器测试科技有限公司")
    JobFactory(employer=unit, approved=True, title="测试开发工程师")
    fair = FairFactory(title="秋季双选会")

    b = browse(phone=True)
    b.login(unit.user.username, TEST_PASSWORD)
    b.goto(reverse("company_events:fair_list"))
    with b.page.expect_navigation():
        b.page.click("text=秋季双选会")
    with b.page.expect_navigation():
        b.page.click("#apply")
    b.page.fill("#id_attendee_1_name", "王招聘")
    b.page.fill("#id_attendee_1_phone", "13800000000")
    b.page.check("input[name=jobs]")
    b.shot("events-company-apply-phone")
    with b.page.expect_navigation():
        b.page.click("#apply-form button[type=submit]")
    assert "待确认" in b.page.locator("#participation-status").inner_text()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390

    with b.page.expect_navigation():
        b.page.click("#receipt")
    assert "请于招聘会当天携带本回执" in b.page.locator("#receipt-notes").inner_text()

    b.goto(reverse("company_events:payment", args=[fair.pk]))
    with b.page.expect_navigation():
        b.page.click("#start-payment")
    b.page.set_input_files("#id_proof", files=[{"name": "proof.png", "mimeType": "image/png", "buffer": png_bytes()}])
    with b.page.expect_navigation():
        b.page.click("#proof-form button")
    assert "等待学校确认收款" in b.page.locator("#proof-waiting").inner_text()
    b.shot("events-company-payment-phone")
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390

    order = Order.objects.get(participation=Participation.objects.get(fair=fair, employer=unit))
    admin = browse()
    admin.login("10001", DEMO_PASSWORD)
    admin.goto(reverse("events:order_detail", args=[order.pk]))
    admin.page.on("dialog", lambda dialog: dialog.accept())
    with admin.page.expect_navigation():
        admin.page.click("#confirm-form button")
    assert "已支付" in admin.page.locator("#order-status").inner_text()

    b.goto(reverse("company_events:fair_detail", args=[fair.pk]))
    assert "已缴费" in b.page.locator("#paid-state").inner_text()

