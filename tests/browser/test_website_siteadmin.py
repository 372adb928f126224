"""侧边栏设置, 网站参数, 事件提醒 and 轮播图管理 in a real browser (issue 17): a school admin refuses a javascript:
link, adds links, a reminder, a carousel with an uploaded slide and sets the site's colours; axe-core passes on
these pages; a visitor on a phone sees the reminder on the 就业日历."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from careers.website.carousels.models import Slide
from careers.website.reminders.models import CalendarReminder
from careers.website.siteinfo.models import SiteSettings
from tests.browser.test_jobs_search import phone  # noqa: F401  (390×844 page, code tables, no demo school)
from tests.events.talks_support import local_input
from tests.factories import TEST_PASSWORD, SchoolAdminFactory

pytestmark = pytest.mark.browser


def test_admin_manages_site_pieces_and_phone_sees_reminder(browser, live_server, phone, tmp_path):  # noqa: F811
    from careers.core.permissions import registry
    from tests.browser.conftest import DESKTOP, Browse

    admin = SchoolAdminFactory(username="siteadmin")
    admin.set_permissions(sorted(registry.all_codes()))
    admin.save()
    banner = tmp_path / "banner.png"
    out = io.BytesIO()
    Image.new("RGB", (2400, 750), (13, 74, 143)).save(out, "PNG")
    banner.write_bytes(out.getvalue())
    starts = (timezone.now() + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    b = Browse(browser, live_server.url, DESKTOP)
    try:
        b.login("siteadmin", TEST_PASSWORD)

        def submit():
            b.settle()
            with b.page.expect_navigation():
                b.page.click("form button[type=submit]:not([form])")

        b.goto("/website/sidebar/add/")
        b.page.fill("#id_title", "职位搜索")
        b.page.fill("#id_url", "javascript:alert(1)")
        submit()
        assert "不允许使用 javascript: 地址" in b.page.content()
        b.page.fill("#id_url", "/jobs/")
        submit()
        assert "职位搜索" in b.page.content()
        b.check_accessibility()

        b.goto("/website/reminders/add/")
        b.page.fill("#id_title", "协议书网上签约截止")
        b.page.fill("#id_starts_at", local_input(starts))
        b.page.fill("#id_remind_days", "7")
        submit()
        assert CalendarReminder.objects.filter(title="协议书网上签约截止").exists()
        b.goto("/website/reminders/")
        assert "提醒中" in b.page.content()
        b.check_accessibility()

        b.goto("/website/carousels/add/")
        b.page.fill("#id_code", "home")
        b.page.fill("#id_name", "首页轮播图")
        submit()
        b.page.click("#slide-add")
        b.page.wait_for_url("**/slides/add/")
        b.page.fill("#id_title", "秋季双选会")
        b.page.set_input_files("#id_image", str(banner))
        b.page.select_option("#id_link_kind", "url")
        b.page.fill("#id_url", "/fairs/")
        submit()
        assert "展示中" in b.page.locator("#slides").inner_text()
        assert Slide.objects.get().image_small
        b.check_accessibility()
        b.shot("website-carousel-detail")

        b.goto("/website/settings/")
        b.page.fill("#id_site_name", "XX大学学生就业指导中心")
        b.page.fill("#id_icp_number", "粤ICP备12345678号")
        submit()
        assert SiteSettings.objects.get(pk=1).site_name == "XX大学学生就业指导中心"
        b.check_accessibility()
        b.assert_clean()
    finally:
        b.close()

    p = phone
    p.goto("/calendar/?view=day&date=" + timezone.localdate(starts).isoformat())
    calendar = p.page.locator("#calendar").inner_text()
    assert "协议书网上签约截止" in calendar and "事件提醒" in calendar
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 390
