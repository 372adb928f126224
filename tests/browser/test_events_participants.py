"""参会单位 in a real browser: the school confirms the checked units, allocates their booths from B01 with the
bar under the list, sees the indicators and hides a job of the fair."""

import pytest
from django.core.files.base import ContentFile

from careers.core.demo import DEMO_PASSWORD
from careers.events.models import Booth, ParticipantJob
from tests.factories import FairFactory, ParticipantJobFactory, ParticipationFactory

pytestmark = pytest.mark.browser


def test_confirm_allocate_and_hide_a_job(browse):
    fair = FairFactory(title="秋季双选会", booths_per_unit=2)
    units = [ParticipationFactory(fair=fair, employer__name=f"参会{i}号公司", booths_requested=i)
             for i in (1, 2)]
    units[0].receipt_file.save("r.png", ContentFile(b"x"))
    job = ParticipantJobFactory(participation=units[1])
    b = browse()
    b.login("10001", DEMO_PASSWORD)
    b.goto(f"/events/participants/?fair={fair.pk}")
    page = b.page
    assert page.locator('[data-indicator="receipt"][data-on="1"]').count() == 1
    page.check("[data-select-all]")
    with page.expect_navigation():
        page.click("#bulk-confirm")
    assert "已确认 2 家单位参会" in page.content()
    page.check("[data-select-all]")
    page.fill("#alloc-area", "B")
    with page.expect_navigation():
        page.click("#bulk-allocate")
    assert "已为 2 家单位分配 3 个展位（B01 起）" in page.content()
    assert sorted(Booth.objects.filter(fair=fair).values_list("code", flat=True)) == ["B01", "B02", "B03"]
    b.shot("events-participants-allocated")
    page.click(f'a[href="/events/fair-jobs/?fair={fair.pk}&participation={units[1].pk}"]')
    page.wait_for_url("**/fair-jobs/**")
    with page.expect_navigation():
        page.click("[data-toggle-job]")
    assert "已将 1 个职位设为不显示" in page.content()
    assert ParticipantJob.objects.get(pk=job.pk).hidden
    b.goto(f"/events/participants/{units[1].pk}/")
    assert "B01、B02" in page.locator("#booth-codes").inner_text()
    b.shot("events-participant-detail")
    b.assert_clean()
