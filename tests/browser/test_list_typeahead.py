"""A large back-office list in a real browser: the filter dropdown that became a type-ahead (core.typeahead)
and the capped count with 精确计数 (core.pagination). The demo school is small, so the thresholds are lowered
to what it has; the widgets and the endpoint are the production ones."""

import re

import pytest

from careers.core import pagination
from careers.core.demo import DEMO_PASSWORD
from careers.core.filtersets import BaseFilterSet
from careers.students.models import Student

pytestmark = pytest.mark.browser


def test_school_admin_filters_by_major_through_the_type_ahead_and_counts_exactly(browse, demo, monkeypatch):
    monkeypatch.setattr(BaseFilterSet, "typeahead_limit", 3)  # the demo's majors: more than 3 → type-ahead
    monkeypatch.setattr(pagination, "COUNT_CAP", 20)  # the demo's students: more than 20 → "20+"
    student = Student.objects.select_related("major").order_by("pk").first()
    major = student.major

    b = browse()
    b.login("10001", DEMO_PASSWORD)
    b.goto("/students/")
    count = b.page.locator("[data-total]").first
    assert count.inner_text() == "20+"
    b.page.click("[data-exact-count]")
    b.page.wait_for_function("() => !document.querySelector('[data-exact-count]')")
    everyone = int(b.page.locator("[data-total]").first.inner_text())  # the operating year's, exactly
    assert everyone > 20

    box = b.page.locator("[data-typeahead]:has(select[name=major])")
    assert box.locator("select[name=major] option").count() <= 2  # 全部 (+ the chosen one): not every major
    search = box.locator("[data-typeahead-input]")
    search.fill(major.name[:2])
    option = box.locator(".typeahead-menu .dropdown-item", has_text=major.name).first
    option.wait_for()
    b.shot("list-typeahead-menu")
    option.click()
    b.page.wait_for_url(re.compile(rf"major={major.pk}"))
    b.settle()
    shown = int(b.page.locator("[data-total]").first.inner_text())
    assert 0 < shown < everyone
    assert b.page.locator("#table-block tbody tr").count() == min(shown, 20)
    assert box.locator("select[name=major] option:checked").inner_text().startswith(major.name)
    b.shot("list-typeahead-filtered")
    b.assert_clean()
