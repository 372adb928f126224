"""账号申诉 end to end: a unit appeals on a phone, the admin e-mails a reset link, the appellant
sets a new password through it and logs in."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from PIL import Image

from careers.core.demo import DEMO_PASSWORD
from tests.factories import EmployerFactory

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Unit#Reset2027"


def test_appeal_by_email_link(browse, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    cache.clear()  # the per-IP appeal limit: every test comes from 127.0.0.1
    employer = EmployerFactory(admitted=True, name="楚天示例软件有限公司", contact_person="王旧",
                               email="old@chutian.example.cn")
    licence = tmp_path / "licence.png"
    Image.new("RGB", (640, 480), (230, 230, 240)).save(licence)

    phone = browse(phone=True)
    phone.goto("/company/appeal/")
    page = phone.page
    page.fill("#id_unit_name", employer.name)
    page.fill("#id_credit_code", employer.credit_code)
    page.fill("#id_contact_person", "李新")
    page.fill("#id_phone", "13912345678")
    page.fill("#id_email", "li@chutian.example.cn")
    page.set_input_files("#id_licence", str(licence))
    page.fill("#id_reason", "原联系人已离职，原邮箱停用，无法找回密码。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    phone.shot("appeal-form-phone")
    with page.expect_navigation():
        page.click("#appeal-form button[type=submit]")
    assert "申诉已提交" in page.locator("#appeal-done").inner_text()
    phone.shot("appeal-done-phone")

    admin = browse()
    admin.login("10001", DEMO_PASSWORD)
    admin.goto("/recruitment/appeals/?status=pending")
    with admin.page.expect_navigation():
        admin.page.click(f"text={employer.name}")
    assert "old@chutian.example.cn" in admin.page.locator("#appeal-compare").inner_text()
    admin.page.click("text=（2）验证邮箱")
    admin.page.locator("#handle-email").wait_for(state="visible")
    admin.shot("appeal-detail")
    with admin.page.expect_navigation():
        admin.page.click("#handle-email")
    assert "重置密码链接已发送至 li@chutian.example.cn" in admin.page.inner_text("main")
    assert admin.page.locator("#appeal-status").inner_text() == "已处理"

    (message,) = mail.outbox
    link = re.search(r"http://[^\s]+/company/reset/[\w-]+/", message.body).group(0)
    page.goto(link)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    phone.shot("appeal-reset-phone")
    with page.expect_navigation():
        page.click("#reset-form button[type=submit]")
    assert "新密码已设置" in page.inner_text("main")
    phone.login(employer.credit_code, NEW_PASSWORD)
    assert "/accounts/login/" not in page.url
    assert page.locator("#logout").count() == 1
    phone.goto(urlsplit(link).path, status=410)  # used once: the link is dead now
    assert "链接已使用" in page.inner_text("main")
