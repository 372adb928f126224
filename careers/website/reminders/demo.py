"""Demo 事件提醒 in every state: inside its window (with and without 结束时间 / 链接), not yet in its window,
past, hidden, and one with 0 提前天数 (today only). Idempotent by title; times relative to now."""

import datetime

from django.utils import timezone

from .models import CalendarReminder

# title, content, day offset, hour, hours (None = 当天结束), remind_days, url, visible
REMINDERS = [
    ("2027届毕业生就业协议书网上签约截止", "请尚未提交就业协议书申请的同学抓紧办理。", 3, 17, 1, 7, "/me/agreements/", True),
    ("秋季大型双选会展位预订截止", "用人单位请在截止前完成展位预订与缴费。", 5, 12, None, 10, "", True),
    ("毕业生离校手续办理", "", 0, 9, None, 0, "", True),
    ("寒假前就业手续集中办理", "就业指导中心 3 楼服务大厅集中办理改派、档案查询。", 40, 9, 8, 14, "/", True),
    ("国家公务员考试报名提醒", "报名请登录国家公务员局网站。", 20, 9, None, 5, "http://bm.scs.gov.cn/", True),
    ("上学期就业数据上报（已结束）", "", -10, 9, 8, 7, "", True),
    ("校园招聘月启动（暂不显示）", "", 2, 9, 2, 7, "", False),
]


def seed(rng, years):
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for title, content, offset, hour, hours, days, url, visible in REMINDERS:
        if CalendarReminder.objects.filter(title=title).exists():
            continue
        starts = datetime.datetime.combine(today + datetime.timedelta(days=offset), datetime.time(hour), tzinfo=tz)
        CalendarReminder.objects.create(
            title=title, content=content, starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=hours) if hours else None, remind_days=days, url=url,
            is_visible=visible)
