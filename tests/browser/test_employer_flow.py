"""用人单位 in a real browser at phone size: register (region picked from the lookup, licence uploaded),
the school approves, the unit sees 已入驻."""

import pytest

from careers.core.demo import DEMO_PASSWORD
from careers.recruitment.models import Employer
from tests.factories import credit_code
from tests.studentfiles.helpers import png_bytes

pytestmark = pytest.mark.browser
PASSWORD = "Qiye#Zhuce2027"


def test_employer_registers_on_a_phone_and_is_admitted(browse, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    code = credit_code(880001)
    b = browse(phone=True)
    b.goto("/company/register/")
    page = b.page
    page.fill("#id_name", "光谷浏览器测试科技有限公司")
    page.fill("#id_credit_code", code)
    page.select_option("#id_nature", label="39 其他企业")
    page.select_option("#id_industry", index=3)
    page.locator("#id_region-text").press_sequentially("洪山", delay=30)
    hit = page.locator("[data-region-hit]", has_text="420111")
    hit.wait_for()
    hit.click()
    page.select_option("#id_size", "150-500")
    page.fill("#id_address", "武汉市洪山区珞喻路1号")
    page.fill("#id_contact_person", "陈经理")
    page.fill("#id_phone", "13800001234")
    page.fill("#id_email", "hr@example.com")
    page.set_input_files("#id_licence", files=[{"name": "licence.png", "mimeType": "image/png",
                                                 "buffer": png_bytes()}])
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    b.shot("employer-register-phone")
    with page.expect_navigation():
        page.click("#register-submit")
    page.wait_for_url("**/company/")
    assert page.locator("#employer-status").inner_text() == "等待审核"
    b.shot("employer-home-waiting-phone")
    employer = Employer.objects.get(credit_code=code)
    assert employer.licence and employer.region.code == "420111"
    b.logout()

    b.login("10001", DEMO_PASSWORD)
    b.goto(f"/recruitment/employers/{employer.pk}/")
    with page.expect_navigation():
        page.click("#approve")
    assert "已入驻" in page.locator("h1").inner_text()
    b.logout()

    b.login(code, PASSWORD)
    page.wait_for_url("**/company/")
    assert page.locator("#employer-status").inner_text() == "已入驻"
    b.shot("employer-home-admitted-phone")
