"""Form type-ahead in a real browser (core.typeahead + careers.js): the school picks a 用人单位 by keyboard
in 发布宣讲会 and the talk is saved with it; a student adds 期望地区 as chips and removes one by keyboard,
and the hidden <select> holds exactly the chips."""

import pytest
from playwright.sync_api import expect

from careers.events.talks.forms import SchoolTalkForm
from careers.events.models import Talk
from tests.browser.test_jobs_search import phone  # noqa: F401  (390×844 page, code tables, no demo school)
from tests.events.talks_support import at, local_input, student_account
from tests.factories import TEST_PASSWORD, EmployerFactory, SchoolAdminFactory, VenueFactory

pytestmark = pytest.mark.browser


def test_school_picks_a_unit_by_keyboard(browser, live_server, phone, monkeypatch):  # noqa: F811
    from careers.core.permissions import registry
    from tests.browser.conftest import DESKTOP, Browse

    monkeypatch.setattr(SchoolTalkForm, "typeahead_limit", 1)  # two units count as a large list
    admin = SchoolAdminFactory(username="talkadmin2")
    admin.set_permissions(sorted(registry.all_codes()))
    admin.save()
    EmployerFactory(admitted=True, name="云帆科技有限公司")
    unit = EmployerFactory(admitted=True, name="星河电子股份有限公司")
    room = VenueFactory(name="逸夫楼报告厅", capacity=200)
    b = Browse(browser, live_server.url, DESKTOP)
    try:
        b.login("talkadmin2", TEST_PASSWORD)
        b.goto("/events/talks/add/")
        box = b.page.locator("#id_employer")
        assert box.get_attribute("role") == "combobox"
        b.page.click("label[for=id_employer]")  # the label names the search box
        box.type("星河")
        option = b.page.locator("#id_employer-typeahead [role=option]")
        option.first.wait_for()
        # typing is faster than the answers: the list of "星" may show before the one of "星河" replaces it
        expect(option).to_have_count(1)
        assert option.first.inner_text() == "星河电子股份有限公司"
        assert box.get_attribute("aria-activedescendant") == option.first.get_attribute("id")
        box.press("Enter")
        assert b.page.eval_on_selector("#id_employer-value", "s => s.value") == str(unit.pk)
        assert box.input_value() == "星河电子股份有限公司" and box.get_attribute("aria-expanded") == "false"
        b.shot("events-talk-add-unit-typeahead")
        b.page.fill("#id_title", "星河电子2027宣讲会")
        b.page.fill("#id_starts_at", local_input(at(6, 14)))
        b.page.fill("#id_ends_at", local_input(at(6, 16)))
        b.page.select_option("#id_venue", str(room.pk))
        b.page.fill("#id_description", "公司介绍")
        b.settle()
        with b.page.expect_navigation():
            b.page.click("#talk-form button[type=submit]")
        b.assert_clean()
    finally:
        b.close()
    assert Talk.objects.get(title="星河电子2027宣讲会").employer == unit


def test_student_adds_and_removes_regions_as_chips(phone):  # noqa: F811
    student = student_account()
    b = phone
    b.login(student.student_number, TEST_PASSWORD)
    b.goto("/me/resumes/add/")
    box = b.page.locator("#id_expected_regions")
    menu = b.page.locator("#id_expected_regions-typeahead [role=option]")
    for text, expected in (("武汉", "湖北省 武汉市"), ("广东", "广东省")):
        box.fill(text)
        menu.filter(has_text=expected).first.wait_for()
        menu.filter(has_text=expected).first.dispatch_event("mousedown")
        assert box.input_value() == ""  # ready for the next one
    chips = b.page.locator(".typeahead-chosen .typeahead-chip")
    assert chips.all_inner_texts() == ["湖北省 武汉市", "广东省"]
    b.shot("portal-resume-regions-chips-phone")
    chosen = "s => Array.from(s.selectedOptions).map(o => o.textContent)"
    assert b.page.eval_on_selector("#id_expected_regions-value", chosen) == ["湖北省 武汉市", "广东省"]
    remove = b.page.locator("[data-typeahead-remove]").first  # keyboard: focus the chip's button, Enter
    assert remove.get_attribute("aria-label") == "移除“湖北省 武汉市”"
    remove.focus()
    remove.press("Enter")
    assert chips.all_inner_texts() == ["广东省"]
    assert b.page.eval_on_selector("#id_expected_regions-value", chosen) == ["广东省"]
    box.press("Backspace")  # an empty search box: Backspace removes the last chip
    assert chips.count() == 0
    assert b.page.eval_on_selector("#id_expected_regions-value", chosen) == []
