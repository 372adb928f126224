"""就业日历: day/week/month views of published talks, fairs and 就业活动, public, cached, invalidated on change."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from careers.events.calendar import views
from tests.factories import CareerEventFactory, FairFactory, TalkFactory

pytestmark = pytest.mark.django_db

URL = "/calendar/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def day_param(moment):
    return timezone.localdate(moment).isoformat()


def test_url_and_public(client):
    assert reverse("site_events:calendar") == URL
    response = client.get(URL)
    assert response.status_code == 200 and "就业日历" in response.content.decode()


def test_shows_the_three_kinds_published_only(client):
    talk = TalkFactory(approved=True, title="宣讲甲")
    TalkFactory(title="未审核宣讲")
    fair = FairFactory(title="双选会乙", starts_at=talk.starts_at, ends_at=talk.ends_at)
    event = CareerEventFactory(title="讲座丙", starts_at=talk.starts_at, ends_at=talk.ends_at)
    CareerEventFactory(title="草稿丁", state="draft", starts_at=talk.starts_at, ends_at=talk.ends_at)
    for view in ("day", "week", "month"):
        page = client.get(URL, {"view": view, "date": day_param(talk.starts_at)}).content.decode()
        assert "宣讲甲" in page and "双选会乙" in page and "讲座丙" in page, view
        assert "未审核宣讲" not in page and "草稿丁" not in page
    page = client.get(URL, {"view": "day", "date": day_param(talk.starts_at)}).content.decode()
    assert reverse("site_events:career_event_detail", args=[event.pk]) in page
    assert reverse("site_events:fair_detail", args=[fair.pk]) in page


def test_cache_invalidated_on_publish_save_and_delete(client):
    event = CareerEventFactory(title="待发布讲座", state="draft")
    params = {"view": "month", "date": day_param(event.starts_at)}
    assert "待发布讲座" not in client.get(URL, params).content.decode()
    from careers.core.scoping import SYSTEM
    from careers.events.career_events.actions import publish

    publish(event, acting_user=SYSTEM)
    assert "待发布讲座" in client.get(URL, params).content.decode()
    event.title = "改名讲座"
    event.save()
    assert "改名讲座" in client.get(URL, params).content.decode()
    talk = TalkFactory(approved=True, title="新宣讲", starts_at=event.starts_at, ends_at=event.ends_at)
    assert "新宣讲" in client.get(URL, params).content.decode()
    talk.delete()
    assert "新宣讲" not in client.get(URL, params).content.decode()


def test_cached_page_costs_no_event_queries(client, django_assert_max_num_queries):
    event = CareerEventFactory()
    params = {"view": "month", "date": day_param(event.starts_at)}
    client.get(URL, params)
    with django_assert_max_num_queries(2):  # session/user look-ups at most; the body comes from the cache
        assert event.title in client.get(URL, params).content.decode()


def test_cold_month_query_count(client, django_assert_max_num_queries):
    starts = timezone.now() + datetime.timedelta(days=2)
    for n in range(30):
        CareerEventFactory(starts_at=starts + datetime.timedelta(hours=n), ends_at=starts + datetime.timedelta(hours=n + 1))
    cache.clear()
    # talks, fairs, 就业活动, the next fair to go public; 事件提醒 and their next window (a registered source);
    # the portal layout's 网站参数 and columns (cached, cold here)
    with django_assert_max_num_queries(8):
        client.get(URL, {"view": "month", "date": day_param(starts)})


def test_bad_date_falls_back_to_today(client):
    page = client.get(URL, {"view": "week", "date": "2026-13-45"}).content.decode()
    assert "日期格式不正确" in page
    assert client.get(URL, {"view": "nonsense"}).status_code == 200


def test_multi_day_event_on_each_day():
    first = datetime.date(2027, 3, 1)
    tz = timezone.get_current_timezone()
    entry = type("E", (), {"starts_at": datetime.datetime(2027, 3, 2, 9, tzinfo=tz),
                           "ends_at": datetime.datetime(2027, 3, 4, 0, tzinfo=tz)})()
    grouped = views.by_day([entry], first, 7)
    assert [d.day for d, items in grouped.items() if items] == [2, 3]


def test_month_span():
    first, days, previous, following = views.span("month", datetime.date(2027, 2, 15))
    assert (first, days, previous, following) == (datetime.date(2027, 2, 1), 28, datetime.date(2027, 1, 1),
                                                  datetime.date(2027, 3, 1))


def test_month_lists_a_few_a_day_and_links_to_the_day(client, monkeypatch):
    """A busy day shows MONTH_PER_DAY entries in the month view and 查看当天全部; the day view lists every one."""
    monkeypatch.setattr(views, "MONTH_PER_DAY", 2)
    first = TalkFactory(approved=True, title="宣讲一")
    for n in "二三":
        TalkFactory(approved=True, title=f"宣讲{n}", starts_at=first.starts_at, ends_at=first.ends_at)
    day = day_param(first.starts_at)
    month = client.get(URL, {"view": "month", "date": day}).content.decode()
    assert month.count('class="py-1 border-bottom small calendar-entry"') == 2
    assert f'href="?view=day&amp;date={day}">还有 1 场，查看当天全部' in month
    assert 'id="calendar-total">3<' in month
    whole = client.get(URL, {"view": "day", "date": day}).content.decode()
    assert all(f"宣讲{n}" in whole for n in "一二三") and "查看当天全部" not in whole
