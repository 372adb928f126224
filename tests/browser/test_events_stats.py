"""招聘会统计 in a real browser: the past demo fair's figures, its four ECharts charts, the copyable table
and the Excel export."""

import pytest

from careers.core.scoping import SYSTEM
from careers.core.demo import DEMO_PASSWORD
from careers.events.fairs.demo import PAST
from careers.events.models import Fair
from careers.events.stats.figures import fair_stats

pytestmark = pytest.mark.browser


def test_fair_stats_page_draws_the_charts_and_exports(browse):
    fair = Fair.objects.get(title=PAST)
    expected = fair_stats(fair, SYSTEM)
    b = browse()
    b.login("10001", DEMO_PASSWORD)
    b.goto(f"/events/fairs/{fair.pk}/stats/")
    figure = b.page.locator('[data-figure="checkins"] [data-value]')
    assert figure.inner_text().strip() == str(expected.value("checkins"))
    for chart in ("chart-hour", "chart-day", "chart-college", "chart-education"):
        b.page.wait_for_selector(f"#{chart} canvas")
    assert b.page.locator("#stats-table tbody tr").count() == len(expected.rows())
    with b.page.expect_download() as download:
        b.page.click("[data-export=xlsx]")
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(2) == b"PK"  # a zip: the .xlsx
    # a download is an aborted navigation for chromium, not a failure
    b.problems = [p for p in b.problems if not ("/export/" in p and "ERR_ABORTED" in p)]
    b.shot("events-fair-stats")
    b.assert_clean()
