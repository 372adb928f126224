"""导出与省系统不一致就业信息 in a real browser: upload, diff table, filter, export download."""

import pytest

from careers.core.demo import DEMO_PASSWORD
from careers.employment.models import EmploymentRecord
from tests.employment.provincial_support import csv_bytes, employ, export_all, rows_of

pytestmark = pytest.mark.browser


def test_school_admin_compares_a_provincial_file_and_downloads_the_mismatches(browse):
    records = EmploymentRecord.objects.filter(student__graduation_year=2026).select_related("student")
    students = [record.student for record in records.order_by("student__student_number")[:3]]
    for i, student in enumerate(students):
        employ(student, i + 1)
    rows = rows_of(export_all(records))
    by_id = {row["身份证号"]: row for row in rows}
    by_id[students[0].id_number].update({"单位名称": "省系统里的旧单位", "落实日期": "2026-01-05"})
    by_id[students[1].id_number]["毕业去向代码"] = "70"

    b = browse()
    b.login("10001", DEMO_PASSWORD)
    b.goto("/employment/provincial/")
    assert b.page.locator('#sidebar [data-menu="employment.provincial.compare"]').is_visible()
    b.page.select_option("#id_graduation_year", "2026")
    b.page.set_input_files("#id_file", files=[{"name": "省系统导出.csv", "mimeType": "text/csv",
                                              "buffer": csv_bytes(rows, encoding="gbk")}])
    with b.page.expect_navigation():
        b.page.click("[data-provincial-upload] button[type=submit]")
    assert b.page.locator('[data-count="different"]').inner_text() == "2"
    table = b.page.locator("[data-diff-table]")
    assert table.locator('tr[data-status="different"]').count() == 2
    assert "省系统里的旧单位" in table.inner_text()
    assert table.locator('[data-field="落实日期"] del').inner_text() == "2026-01-05"
    b.shot("provincial-result")

    b.page.click('[data-filter="same"]')
    b.page.wait_for_url("**status=same")
    assert b.page.locator('[data-diff-table] tr[data-status="different"]').count() == 0

    with b.page.expect_download() as download:
        b.page.click("[data-export-form] button[type=submit]")
    with open(download.value.path(), "rb") as handle:
        exported = rows_of(handle.read())
    # Chromium reports a navigation that became a download as an aborted request.
    b.problems = [p for p in b.problems if not ("/export/" in p and "ERR_ABORTED" in p)]
    assert {row["身份证号"] for row in exported} == {students[0].id_number, students[1].id_number}
    b.assert_clean()


def test_result_page_on_a_phone(browse):
    records = EmploymentRecord.objects.filter(student__graduation_year=2026)
    rows = rows_of(export_all(records))
    rows[0]["单位名称"] = "不一样的单位名称很长很长很长很长很长很长很长"
    b = browse(phone=True)
    b.login("10001", DEMO_PASSWORD)
    b.goto("/employment/provincial/")
    b.page.select_option("#id_graduation_year", "2026")
    b.page.set_input_files("#id_file", files=[{"name": "p.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}])
    with b.page.expect_navigation():
        b.page.click("[data-provincial-upload] button[type=submit]")
    assert b.page.locator('[data-count="different"]').inner_text() == "1"
    overflow = b.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
    b.shot("provincial-result-phone")
