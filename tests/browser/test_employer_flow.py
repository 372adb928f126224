"""用人单位 in a real browser at phone size: register (region picked from the lookup, licence uploaded),
the school approves, the unit sees 已入驻."""

import pytest

from careers.core.demo import DEMO_PASSWORD
from careers.recruitment.models import Employer
from tests.factories import credit_code
from tests.browser.recruitment_steps import fill_registration

pytestmark = pytest.mark.browser
PASSWORD = "Qiye#Zhuce2027"


def test_employer_registers_on_a_phone_and_is_admitted(browse, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    code = credit_code(880001)
    b = browse(phone=True)
    b.goto("/company/register/")
    page = b.page
    fill_registration(page, name="光谷浏览器测试科技有限公司", credit_code=code, password=PASSWORD)
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
