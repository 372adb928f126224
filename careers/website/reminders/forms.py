from django import forms
from django.core.exceptions import ValidationError

from careers.core.forms import BaseModelForm

from . import actions
from .models import CalendarReminder

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CalendarReminderForm(BaseModelForm):
    class Meta:
        model = CalendarReminder
        fields = ["title", "content", "starts_at", "ends_at", "remind_days", "url", "is_visible"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "content": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": "请填写提醒标题。"},
            "starts_at": {"required": "请填写事件时间。", "invalid": "事件时间格式不正确。"},
            "ends_at": {"invalid": "结束时间格式不正确。"},
            "remind_days": {"required": "请填写提前提醒天数。", "invalid": "提前提醒天数请填写 0 到 90 的整数。",
                            "min_value": "提前提醒天数须在 0 到 90 天之间。"},
        }

    def clean(self):
        data = super().clean()
        probe = CalendarReminder(starts_at=data.get("starts_at"), ends_at=data.get("ends_at"),
                                 remind_days=data.get("remind_days"), url=data.get("url") or "")
        try:
            actions.check(probe)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                if field not in self.errors:
                    self.add_error(field, errors)
        else:
            data["url"] = probe.url
        return data
