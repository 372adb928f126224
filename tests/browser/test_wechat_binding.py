"""绑定微信 on a phone (390×844): the student opens the bind QR, WeChat (stood in for by the scan handler) reports
the scan, the polling page turns to 已绑定 by itself; accessible (axe-core) and no wider than the screen."""

import pytest

from careers.wechat.binding import actions
from careers.wechat.binding.models import QrLogin, QrPurpose, WechatBinding
from tests.browser.recruitment_steps import student_who_can_log_in
from tests.factories import TEST_PASSWORD
from tests.wechat.binding_support import StubClient

pytestmark = pytest.mark.browser


def test_student_binds_wechat_on_a_phone(browse, demo, monkeypatch):
    from careers.wechat.api import client as module

    stub = StubClient()
    monkeypatch.setattr(module, "api", lambda: stub)
    student = student_who_can_log_in()
    WechatBinding.objects.filter(user=student.user).delete()

    b = browse(phone=True)
    b.login(student.user.username, TEST_PASSWORD)
    b.goto("/me/wechat/bind/")
    assert "尚未绑定微信" in b.page.locator("#bind-state").inner_text()
    b.check_accessibility()
    with b.page.expect_navigation():
        b.page.click("#open-qr")
    assert b.page.locator("#bind-qr svg").is_visible()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.check_accessibility()
    b.shot("wechat-bind-phone")

    code = QrLogin.objects.get(user=student.user, purpose=QrPurpose.BIND)
    assert actions.scanned("o_browser_phone", code.scene).startswith("绑定成功")
    b.page.wait_for_function("() => document.querySelector('#bind-state')?.textContent.includes('已绑定微信')",
                             timeout=10_000)
    assert b.page.locator("#unbind").is_visible()
    b.check_accessibility()
