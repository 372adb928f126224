import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn

from .calendar import effective_end
from .models import CalendarReminder


class CalendarReminderTable(BaseTable):
    title = tables.Column(linkify=("website:calendarreminder_detail", {"pk": tables.A("pk")}))
    starts_at = LocalTimeColumn()
    ends_at = LocalTimeColumn(default="当天")
    remind_days = tables.Column()
    state = tables.Column(verbose_name="日历中", accessor="pk", orderable=False)
    is_visible = tables.BooleanColumn(yesno="显示,隐藏")

    class Meta(BaseTable.Meta):
        model = CalendarReminder
        fields = ("pk", "title", "starts_at", "ends_at", "remind_days", "state", "is_visible", "url")
        default_columns = ("title", "starts_at", "ends_at", "remind_days", "state", "is_visible")

    def render_state(self, record):
        label, badge = state_of(record)
        return format_html('<span class="badge text-bg-{}">{}</span>', badge, label)

    def value_state(self, record):
        return state_of(record)[0]


def state_of(reminder, now=None):
    now = now or timezone.now()
    if not reminder.is_visible:
        return "已隐藏", "secondary"
    if now < reminder.shows_from:
        return "未到提醒期", "info"
    if now < effective_end(reminder.starts_at, reminder.ends_at):
        return "提醒中", "success"
    return "已结束", "light"
