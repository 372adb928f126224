"""事件提醒: back office under /website/ (namespace "website"); shown publicly on the 就业日历 (calendar.py)."""

from careers.core.urls_helpers import model_urls

from . import views as v

backoffice = [
    *model_urls("reminders", "calendarreminder", list=v.CalendarReminderListView, add=v.CalendarReminderEditView,
                detail=v.CalendarReminderView, edit=v.CalendarReminderEditView, delete=v.CalendarReminderDeleteView,
                bulk_delete=v.CalendarReminderBulkDeleteView),
]
site = []
