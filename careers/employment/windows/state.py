"""功能时间设置: is a student of a graduation year allowed to report now, and if not, why and when."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from .models import ReportingWindow

Function = ReportingWindow.Function


@dataclass(frozen=True)
class WindowState:
    is_open: bool
    message: str = ""  # shown to the student when closed: why, and when it opens (if it will)
    window: ReportingWindow | None = None


def _when(moment):
    return date_format(timezone.localtime(moment), "Y年n月j日 H:i")


NOT_LOADED = object()


def window_state(function, graduation_year, now=None, window=NOT_LOADED):
    """Open when no window is set for the year; otherwise open between opens_at and closes_at. `window`: the
    year's window for `function` (or None) when the caller has loaded it already."""
    now = now or timezone.now()
    if window is NOT_LOADED:
        window = ReportingWindow.objects.filter(graduation_year=graduation_year, function=function).first()
    label = Function(function).label
    if window is None:
        return WindowState(True)
    if now < window.opens_at:
        return WindowState(False, f"{graduation_year}届{label}将于 {_when(window.opens_at)} 开放，"
                                  f"截止到 {_when(window.closes_at)}。", window)
    if now > window.closes_at:
        return WindowState(False, f"{graduation_year}届{label}已于 {_when(window.closes_at)} 截止。"
                                  f"如需修改，请联系学院就业管理老师。", window)
    return WindowState(True, f"填报截止时间：{_when(window.closes_at)}", window)


CLOSING_DAYS = 7  # 待办事项: an open window whose end is this near is "closing soon"


def windows_in_state(queryset, state, now=None):
    """功能时间设置 rows by their state now: open / closing (open, ending within CLOSING_DAYS) / upcoming /
    closed — the list's 当前状态 filter and 待办事项's count."""
    now = now or timezone.now()
    return queryset.filter(**{
        "open": {"opens_at__lte": now, "closes_at__gte": now},
        "closing": {"opens_at__lte": now, "closes_at__gte": now,
                    "closes_at__lte": now + datetime.timedelta(days=CLOSING_DAYS)},
        "upcoming": {"opens_at__gt": now},
        "closed": {"closes_at__lt": now},
    }[state])
