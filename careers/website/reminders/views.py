"""事件提醒 (manual 5.2.2): list (with each reminder's state on the calendar), add, detail, edit, delete."""

from careers.core.views import generic

from . import actions
from .filtersets import CalendarReminderFilterSet
from .forms import CalendarReminderForm
from .models import CalendarReminder
from .tables import CalendarReminderTable

reminders = CalendarReminder.objects.all()


class CalendarReminderListView(generic.ObjectListView):
    queryset = reminders
    filterset = CalendarReminderFilterSet
    table = CalendarReminderTable
    actions = ("add", "bulk_delete")


class CalendarReminderView(generic.ObjectView):
    queryset = reminders


class CalendarReminderEditView(generic.ObjectEditView):
    queryset = reminders
    form = CalendarReminderForm

    def save(self, form):
        return actions.save_reminder(form.save(commit=False), acting_user=self.request.user)


class CalendarReminderDeleteView(generic.ObjectDeleteView):
    queryset = reminders


class CalendarReminderBulkDeleteView(generic.BulkDeleteView):
    queryset = reminders
