"""Our own form widgets in a real Chinese browser (1366 px and 390×844): the region type-ahead that searches
the full path 省 市 县 (codes.fields), the 年-月-日 date input and the 选择文件 file input (core.widgets), the
long form's steps, and a wide list whose key columns stay put while the table (not the page) scrolls."""

import datetime
import re

import pytest

from careers.core import validators
from careers.core.permissions import registry
from careers.students.models import Student
from careers.studentfiles.models import ArchiveRecord
from tests.browser.conftest import DESKTOP, SCREENSHOTS, Browse
from tests.browser.test_jobs_search import phone  # noqa: F401  (390×844 page, code tables, no demo school)
from tests.events.talks_support import student_account
from tests.factories import TEST_PASSWORD, SchoolAdminFactory, StudentFactory, code
from tests.pdf_samples import MINIMAL_PDF

pytestmark = pytest.mark.browser


def school_admin():
    admin = SchoolAdminFactory(username="widgetadmin")
    admin.set_permissions(sorted(registry.all_codes()))
    admin.save()
    return admin


def no_page_scroll(b, width):
    scroll = b.page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways ({scroll}px > {width}px)"


def pick_region(b, field_id, text, expected):
    box = b.page.locator(f"#{field_id}")
    box.fill(text)
    option = b.page.locator(f"#{field_id}-typeahead [role=option]").filter(has_text=expected).first
    option.wait_for()
    box.press("ArrowDown")  # keyboard: the first hit is the expected one
    assert b.page.locator(f"#{field_id}-typeahead [role=option].active").inner_text() == expected
    box.press("Enter")
    assert box.input_value() == expected


def cascade_region(b, field_id, path):
    box = b.page.locator(f"#{field_id}")
    box.fill("")
    for text in path:
        option = b.page.locator(f"#{field_id}-typeahead [role=option]", has_text=re.compile(f"^{text}$"))
        option.wait_for()
        option.click()
    assert box.input_value() == path[-1]


@pytest.fixture
def desktop(browser, live_server, phone):  # noqa: F811  (phone: the code tables and a clean teardown)
    page = Browse(browser, live_server.url, DESKTOP)
    yield page
    problems = page.problems
    page.close()
    assert not problems, "\n".join(problems)


def test_admin_edits_a_student_with_the_region_type_ahead_and_sections(desktop):
    school_admin()
    student = StudentFactory(origin_region=code("region", "110105"))
    student.gender = Student.Gender(validators.id_number_sex(student.id_number))  # the factory's may disagree
    student.save(update_fields=["gender"])
    b = desktop
    b.login("widgetadmin", TEST_PASSWORD)
    b.goto(f"/students/{student.pk}/edit/")
    assert b.page.locator("#id_origin_region").input_value() == "北京市 朝阳区"
    assert b.page.locator("[data-form-steps] a").all_inner_texts() == ["1. 基本信息", "2. 生源与培养", "3. 联系方式"]
    assert "---------" not in b.page.content()
    assert b.page.locator("#id_phone").get_attribute("type") == "tel"
    pick_region(b, "id_origin_region", "北京 海淀", "北京市 海淀区")
    # with nothing typed it is a cascade: 省 → 市 → 区/县, one tap each
    cascade_region(b, "id_origin_region", ("湖北省", "湖北省 武汉市", "湖北省 武汉市 洪山区"))
    b.page.fill("#id_phone", "13912345678")
    assert b.page.locator("[data-form-progress-text]").inner_text() == "已填写 6 / 14 项"
    assert b.page.locator("[data-form-steps] a.done").all_inner_texts() == ["1. 基本信息"]  # its required ones
    b.page.evaluate("window.scrollTo(0, 0)")  # the full-page shot from the top (the top bar is sticky)
    b.shot("admin-form-after")
    with b.page.expect_navigation():
        b.page.click("#student-edit-form button[type=submit]")
    assert not b.page.locator(".invalid-feedback").count()
    b.assert_clean()
    student.refresh_from_db()
    assert student.origin_region.code == "420111" and student.phone == "13912345678"


def test_admin_types_and_picks_a_date_and_chooses_a_file(desktop, tmp_path):
    school_admin()
    student = StudentFactory()
    b = desktop
    b.login("widgetadmin", TEST_PASSWORD)
    b.goto("/students/files/archives/add/")
    date = b.page.locator("#id_sent_date")
    assert date.get_attribute("type") == "text" and date.get_attribute("placeholder") == "年-月-日"
    assert date.get_attribute("inputmode") == "numeric"
    date.fill("2026/9/1")
    date.press("Tab")  # the typed date is normalised on change
    assert date.input_value() == "2026-09-01"
    b.page.click("[data-date-pick]")  # the 日历 button opens the browser's calendar on the hidden date input
    b.page.eval_on_selector(".date-native", "n => { n.value = '2026-09-03'; n.dispatchEvent(new Event('change', {bubbles: true})); }")
    assert date.input_value() == "2026-09-03"
    b.page.fill("#id_student_number", student.student_number)
    b.page.fill("#id_receiving_unit", "湖北省人才服务中心")
    b.shot("admin-archive-date-widget")
    with b.page.expect_navigation():
        b.page.locator("main form button[type=submit]").first.click()
    b.assert_clean()
    assert ArchiveRecord.objects.get(student=student).sent_date == datetime.date(2026, 9, 3)

    b.goto("/imports/students.student/")
    picker = b.page.locator("[data-file-input]").first
    assert "选择文件" in picker.inner_text() and "未选择文件" in picker.inner_text()
    sheet = tmp_path / "生源信息.csv"
    sheet.write_text("学号,姓名\n", encoding="utf-8")
    b.page.set_input_files("[data-file-input] input[type=file]", str(sheet))
    assert picker.locator("[data-file-name]").inner_text() == "生源信息.csv"
    b.shot("admin-import-file-widget")
    b.assert_clean()


def test_a_wide_list_pins_its_key_columns_and_scrolls_inside_its_card(desktop):
    school_admin()
    for _ in range(3):
        StudentFactory(origin_region=code("region", "420111"))
    b = desktop
    b.login("widgetadmin", TEST_PASSWORD)
    b.goto("/employment/dispatch/")  # 派遣信息 with every column: the widest list there is
    b.page.click("text=显示列")
    for box in b.page.locator("form[action*=columns] input[name=columns]").all():
        box.check()
    with b.page.expect_navigation():
        b.page.click("form[action*=columns] button:has-text('应用')")
    b.settle()
    no_page_scroll(b, DESKTOP["width"])
    wrapper = b.page.locator(".table-responsive").first
    assert wrapper.evaluate("w => w.scrollWidth > w.clientWidth"), "the list is not wider than its card"
    assert b.page.locator("table[data-sticky-columns]").get_attribute("data-sticky-columns") == "3"
    cells = b.page.locator("table[data-sticky-columns] tbody tr").first.locator("td")
    number, college = cells.nth(2).bounding_box()["x"], cells.nth(4).bounding_box()["x"]
    wrapper.evaluate("w => { w.scrollLeft = 600; }")
    b.page.wait_for_timeout(100)
    assert cells.nth(2).bounding_box()["x"] == pytest.approx(number, abs=1)  # 姓名 stayed in view
    assert cells.nth(4).bounding_box()["x"] < college  # the others moved
    b.page.screenshot(path=str(SCREENSHOTS / "admin-dispatch-list-pinned-columns.png"))  # the viewport, scrolled
    no_page_scroll(b, DESKTOP["width"])
    b.assert_clean()


def test_student_picks_regions_and_a_file_on_a_phone(phone):  # noqa: F811
    student = student_account()
    b = phone
    b.login(student.student_number, TEST_PASSWORD)
    b.goto("/me/resumes/add/")
    assert b.page.locator("[data-form-steps] a").count() == 4
    box = b.page.locator("#id_expected_regions")
    box.fill("武汉")
    hit = b.page.locator("#id_expected_regions-typeahead [role=option]").filter(has_text="湖北省 武汉市").first
    hit.wait_for()
    hit.dispatch_event("mousedown")
    assert b.page.locator(".typeahead-chosen .typeahead-chip").all_inner_texts() == ["湖北省 武汉市"]
    assert b.page.locator("[name=educations-0-DELETE]").count() == 0  # no 删除 box on an empty new row
    picker = b.page.locator("[data-file-input]")
    assert "未选择文件" in picker.inner_text()
    pdf = b.page  # the attachment, chosen through the hidden input the label wraps
    pdf.set_input_files("[data-file-input] input[type=file]", files=[{"name": "我的简历.pdf", "mimeType": "application/pdf",
                                                                      "buffer": MINIMAL_PDF}])
    assert picker.locator("[data-file-name]").inner_text() == "我的简历.pdf"
    no_page_scroll(b, 390)
    b.shot("portal-resume-widgets-phone")
    b.assert_clean()
