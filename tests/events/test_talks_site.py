"""Public /talks/ pages: only upcoming approved talks, date filters, detail with published jobs only."""

import pytest
from django.urls import reverse

from tests.events.talks_support import at
from tests.factories import JobFactory, TalkFactory

pytestmark = pytest.mark.django_db


def test_list_shows_only_upcoming_approved(client):
    TalkFactory(approved=True, title="将要举行")
    TalkFactory(title="等待审核中")
    TalkFactory(status="rejected", title="未通过的")
    TalkFactory(approved=True, title="已经结束", starts_at=at(-3, 9), ends_at=at(-3, 10))
    body = client.get(reverse("site_events:talk_list")).content.decode()
    assert "将要举行" in body
    assert "等待审核中" not in body and "未通过的" not in body and "已经结束" not in body


def test_date_filters(client):
    TalkFactory(approved=True, title="明天的宣讲", starts_at=at(1, 14), ends_at=at(1, 16))
    TalkFactory(approved=True, title="十天后的宣讲", starts_at=at(10, 14), ends_at=at(10, 16))
    url = reverse("site_events:talk_list")
    body = client.get(url, {"when": "tomorrow"}).content.decode()
    assert "明天的宣讲" in body and "十天后的宣讲" not in body
    body = client.get(url, {"when": "week"}).content.decode()
    assert "明天的宣讲" in body and "十天后的宣讲" not in body
    body = client.get(url, {"date": at(10, 0).date().isoformat()}).content.decode()
    assert "十天后的宣讲" in body and "明天的宣讲" not in body
    body = client.get(url, {"date": "2026-13-40"}).content.decode()
    assert "日期格式不正确" in body
    body = client.get(url, {"q": "十天"}).content.decode()
    assert "十天后的宣讲" in body and "明天的宣讲" not in body


def test_detail_only_for_published_and_shows_published_jobs(client):
    talk = TalkFactory(approved=True, description="<p>欢迎</p><script>alert(1)</script>")
    open_job = JobFactory(employer=talk.employer, approved=True, title="公开职位")
    hidden = JobFactory(employer=talk.employer, title="未审核职位")
    talk.jobs.set([open_job, hidden])
    body = client.get(reverse("site_events:talk_detail", args=[talk.pk])).content.decode()
    assert "公开职位" in body and "未审核职位" not in body and "<script>alert(1)" not in body
    assert client.get(reverse("site_events:talk_detail", args=[TalkFactory().pk])).status_code == 404


def test_phone_page_has_no_wide_elements(client):
    TalkFactory(approved=True)
    body = client.get(reverse("site_events:talk_list")).content.decode()
    assert "text-truncate" in body and "<table" not in body
