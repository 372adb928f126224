"""事件提醒: the rules (messages on their fields), permissions, the operation log, and the 就业日历 showing a
reminder only while now is inside [事件时间 - 提前天数, end), cached and bumped on change."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from careers.core.models import OperationLog
from careers.events.calendar import feed, views
from careers.website.reminders import calendar as reminder_calendar
from careers.website.reminders.models import CalendarReminder
from tests.factories import CareerEventFactory
from tests.website.siteadmin_support import college_admin, fresh_cache, school_admin  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = "/website/reminders/"
CAL = "/calendar/"


def local(days, hour=10):
    tz = timezone.get_current_timezone()
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)


def form(**extra):
    return {"title": "协议书截止", "content": "", "starts_at": local(3).strftime("%Y-%m-%dT%H:%M"), "ends_at": "",
            "remind_days": "7", "url": "", "is_visible": "on", **extra}


@pytest.mark.parametrize("field, value, message", [
    ("ends_at", local(2).strftime("%Y-%m-%dT%H:%M"), "结束时间须晚于事件时间"),
    ("remind_days", "91", "须在 0 到 90 天之间"),
    ("url", "javascript:alert(1)", "不允许使用 javascript: 地址"),
    ("url", "//evil.example/x", "不能以 // 开头"),
    ("starts_at", "", "请填写事件时间"),
])
def test_rules_refused_with_messages(client, field, value, message):
    client.force_login(school_admin("reminders"))
    response = client.post(LIST + "add/", form(**{field: value}))
    assert response.status_code == 200 and message in response.content.decode()
    assert not CalendarReminder.objects.exists()


def test_add_logged_and_permission(client):
    client.force_login(college_admin("sidebar"))
    assert client.get(LIST).status_code == 403
    assert client.post(LIST + "add/", form()).status_code == 403
    client.force_login(college_admin("reminders"))
    response = client.post(LIST + "add/", form(url="/me/agreements/"))
    assert response.status_code == 302
    reminder = CalendarReminder.objects.get()
    assert OperationLog.objects.filter(object_type="website.calendarreminder", object_id=str(reminder.pk)).exists()
    assert client.get(LIST).status_code == 200
    assert client.get(LIST + f"{reminder.pk}/").status_code == 200


def titles(start_days=-20, days=60, now=None):
    start, end = local(start_days, 0), local(start_days + days, 0)
    return {e.title for e in feed.entries_between(start, end, now=now) if e.kind == "reminder"}


def test_only_inside_the_window():
    CalendarReminder.objects.create(title="窗口内", starts_at=local(3), remind_days=7)
    CalendarReminder.objects.create(title="未到窗口", starts_at=local(30), remind_days=7)
    CalendarReminder.objects.create(title="已结束", starts_at=local(-5), ends_at=local(-5, 12), remind_days=7)
    CalendarReminder.objects.create(title="隐藏", starts_at=local(3), remind_days=7, is_visible=False)
    CalendarReminder.objects.create(title="今天零天", starts_at=local(0, 0), remind_days=0)
    CalendarReminder.objects.create(title="进行中多天", starts_at=local(-2), ends_at=local(2), remind_days=1)
    assert titles() == {"窗口内", "今天零天", "进行中多天"}
    # 25 days on, "未到窗口" (event in 30 days, 7 days ahead) has opened; the others are over.
    assert titles(now=timezone.now() + datetime.timedelta(days=25)) == {"未到窗口"}


def test_calendar_page_lists_reminder_on_its_event_day_with_its_badge(client):
    CareerEventFactory(title="讲座甲", starts_at=local(3, 14), ends_at=local(3, 16))
    CalendarReminder.objects.create(title="协议书截止提醒", content="抓紧办理", starts_at=local(3), remind_days=7,
                                    url="/me/agreements/")
    CalendarReminder.objects.create(title="无链接提醒", starts_at=local(3, 9), remind_days=7)
    body = client.get(CAL, {"view": "day", "date": local(3).date().isoformat()}).content.decode()
    assert "协议书截止提醒" in body and "text-bg-danger\">事件提醒" in body and "讲座甲" in body
    assert 'href="/me/agreements/"' in body and "抓紧办理" in body
    assert "<span style=\"overflow-wrap: anywhere\">无链接提醒</span>" in body
    assert '<span class="text-nowrap">09:00</span>' in body  # no end: its time only
    other = client.get(CAL, {"view": "day", "date": local(4).date().isoformat()}).content.decode()
    assert "协议书截止提醒" not in other


def test_save_and_delete_bump_the_calendar_cache(client):
    params = {"view": "week", "date": local(3).date().isoformat()}
    assert "新提醒" not in client.get(CAL, params).content.decode()
    reminder = CalendarReminder.objects.create(title="新提醒", starts_at=local(3), remind_days=7)
    assert "新提醒" in client.get(CAL, params).content.decode()
    reminder.title = "改名提醒"
    reminder.save()
    assert "改名提醒" in client.get(CAL, params).content.decode()
    reminder.delete()
    assert "改名提醒" not in client.get(CAL, params).content.decode()


def test_cache_expires_when_the_next_window_opens():
    now = timezone.now()
    reminder = CalendarReminder.objects.create(title="稍后", starts_at=now + datetime.timedelta(days=7, minutes=5),
                                               remind_days=7)
    start, end = local(0, 0), local(14, 0)
    fresh = feed.seconds_fresh(start, end, now=now)
    assert 290 <= fresh <= 301
    reminder.remind_days = 3
    reminder.save()
    assert feed.seconds_fresh(start, end, now=now) == feed.MAX_AGE
    assert reminder_calendar.next_change(start, end, now) == reminder.shows_from


def test_cached_month_bounded_queries(client, django_assert_max_num_queries):
    for n in range(10):
        CalendarReminder.objects.create(title=f"提醒{n}", starts_at=local(n % 5 + 1), remind_days=7)
    with django_assert_max_num_queries(8):
        client.get(CAL)
    cache_version = feed.version()
    with django_assert_max_num_queries(2):
        client.get(CAL)
    assert feed.version() == cache_version
    assert views.BADGE["reminder"] == "danger"
    cache.clear()


def test_list_bounded_and_delete_logged(client, django_assert_max_num_queries):
    for n in range(30):
        CalendarReminder.objects.create(title=f"提醒{n}", starts_at=local(n - 10), remind_days=n % 10)
    client.force_login(school_admin("reminders"))
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200 and "未到提醒期" in response.content.decode()
    reminder = CalendarReminder.objects.first()
    assert client.post(LIST + f"{reminder.pk}/delete/").status_code == 302
    assert OperationLog.objects.filter(object_type="website.calendarreminder", object_id=str(reminder.pk),
                                       action="delete").exists()
