"""项目活动 in a real browser: a captain on a phone (390 px) creates a team with a member by 学号, the member
confirms on their phone, the captain submits, and the school admin approves on the entries list."""

import pytest

from careers.events.models import EntryStatus, ProgrammeEntry
from tests.browser.test_jobs_search import phone  # noqa: F401  (390×844 page, code tables, no demo school)
from tests.events.programmes_support import programme, student_account
from tests.factories import TEST_PASSWORD, SchoolAdminFactory

pytestmark = pytest.mark.browser


def _narrow(b):
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390


def test_team_registration_confirmation_and_approval(browser, live_server, phone):  # noqa: F811
    from careers.core.permissions import registry
    from tests.browser.conftest import DESKTOP, Browse

    p = programme(title="创新创业挑战赛", min_members=2, max_members=3)
    captain, member = student_account(), student_account()
    b = phone
    b.login(captain.student_number, TEST_PASSWORD)
    b.goto("/me/programmes/")
    _narrow(b)
    with b.page.expect_navigation():
        b.page.click("#programmes a:has-text('创新创业挑战赛')")
    with b.page.expect_navigation():
        b.page.click("#register")
    b.page.select_option("#id_entry_type", str(p.entry_types.first().pk))
    b.page.fill("#id_team_name", "追光队")
    b.page.fill("#id_members", member.student_number)
    _narrow(b)
    b.check_accessibility()
    with b.page.expect_navigation():
        b.page.click("#register-form button[type=submit]")
    assert "团队已创建" in b.page.content()
    assert "待确认" in b.page.locator(f"#members [data-member='{member.student_number}']").inner_text()
    _narrow(b)
    b.check_accessibility()
    b.shot("portal-programme-team-phone")
    b.logout()

    b.login(member.student_number, TEST_PASSWORD)
    b.goto("/me/programmes/")
    assert "追光队" in b.page.locator("#invitations").inner_text()
    _narrow(b)
    b.check_accessibility()
    with b.page.expect_navigation():
        b.page.click("#invitations button:has-text('确认加入')")
    assert "已确认加入团队" in b.page.content()
    b.logout()

    b.login(captain.student_number, TEST_PASSWORD)
    entry = ProgrammeEntry.objects.get()
    b.goto(f"/me/programmes/entries/{entry.pk}/")
    with b.page.expect_navigation():
        b.page.click("#submit-entry")
    assert "待审核" in b.page.locator("#entry-status").inner_text()
    b.assert_clean()

    admin = SchoolAdminFactory(username="programmeadmin")
    admin.set_permissions(sorted(registry.all_codes()))
    admin.save()
    desk = Browse(browser, live_server.url, DESKTOP)
    try:
        desk.login("programmeadmin", TEST_PASSWORD)
        desk.goto(f"/events/programmes/entries/?programme={p.pk}")
        desk.page.check(f"input[name=pk][value='{entry.pk}']")
        with desk.page.expect_navigation():
            desk.page.click("#bulk-approve")
        assert "已审核同意 1 条报名" in desk.page.content()
        desk.check_accessibility()
        desk.shot("events-programme-entries")
        desk.assert_clean()
    finally:
        desk.close()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.APPROVED
