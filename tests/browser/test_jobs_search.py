"""公开职位搜索 on a phone (390×844): search with a Chinese keyword and a filter, open the job, reach the unit."""

import pytest

from tests.browser.conftest import PHONE, Browse
from tests.factories import EmployerFactory, JobFactory, code

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, live_server, transactional_db, code_tables):
    """A 390×844 page on the live server with the code tables, WITHOUT the demo school: the public pages
    need no students, and creating some would move the student id sequence other tests' figures depend on
    (tests/reports/test_demo.py derives start dates from student ids)."""
    page = Browse(browser, live_server.url, PHONE)
    yield page
    problems = page.problems
    page.close()
    assert not problems, "\n".join(problems)


def test_search_and_open_a_job_on_a_phone(phone):
    employer = EmployerFactory(admitted=True, name="江城数据科技有限公司")
    JobFactory(employer=employer, approved=True, title="海豚声呐数据分析师", region=code("region", "420111"),
               description="<p>负责<strong>招聘数据</strong>分析，五险一金。</p>")
    JobFactory(employer=employer, approved=True, title="前端开发工程师", region=code("region", "110108"))
    JobFactory(employer=EmployerFactory(), approved=True, title="海豚声呐未入驻单位职位")
    b = phone
    b.goto("/jobs/")
    b.page.fill("#id_q", "海豚声呐")
    with b.page.expect_navigation():
        b.page.click("#job-search button[type=submit]")
    assert "共找到 1 个职位" in b.page.locator("#result-count").inner_text()  # not the unadmitted unit's post
    assert b.page.locator("#job-results a").count() == 1
    width = b.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    b.shot("site-job-search-phone")
    with b.page.expect_navigation():
        b.page.click("#job-results a:has-text('海豚声呐数据分析师')")
    assert "招聘数据" in b.page.locator("#job-detail").inner_text()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.shot("site-job-detail-phone")
    with b.page.expect_navigation():
        b.page.click("#employer-link")
    assert "江城数据科技有限公司" in b.page.locator("#employer-name").inner_text()
    assert "海豚声呐数据分析师" in b.page.locator("#employer-jobs").inner_text()
    b.assert_clean()
