"""我的咨询: the adviser's forms (a one-off slot, a weekly rule, a decision note, session notes)."""

from django import forms

from careers.core.forms import BaseForm

from ..slots.models import SlotMode, Weekday


def _dt(label):
    return forms.DateTimeField(label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                               error_messages={"required": f"请填写{label}。",
                                               "invalid": f"{label}格式不正确，请按 2026-12-01 14:00 填写。"})


def _capacity():
    return forms.IntegerField(label="可预约人数", initial=1, min_value=1, max_value=50,
                              error_messages={"required": "请填写可预约人数。", "invalid": "可预约人数请填写整数。",
                                              "min_value": "可预约人数至少为 1 人。",
                                              "max_value": "可预约人数最多为 50 人。"})


class SlotForm(BaseForm):
    starts_at = _dt("开始时间")
    ends_at = _dt("结束时间")
    mode = forms.ChoiceField(label="咨询方式", choices=SlotMode.choices, initial=SlotMode.ROOM)
    location = forms.CharField(label="地点/线上链接", max_length=200, required=False)
    capacity = _capacity()


class RuleForm(BaseForm):
    weekday = forms.TypedChoiceField(label="星期", choices=Weekday.choices, coerce=int,
                                     error_messages={"required": "请选择星期。"})
    start_time = forms.TimeField(label="开始时间", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                                 error_messages={"required": "请填写开始时间。", "invalid": "开始时间格式应为 14:00。"})
    end_time = forms.TimeField(label="结束时间", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                               error_messages={"required": "请填写结束时间。", "invalid": "结束时间格式应为 15:00。"})
    starts_on = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"required": "请填写起始日期。", "invalid": "起始日期格式不正确。"})
    ends_on = forms.DateField(label="结束日期", widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"required": "请填写结束日期。", "invalid": "结束日期格式不正确。"})
    mode = forms.ChoiceField(label="咨询方式", choices=SlotMode.choices, initial=SlotMode.ROOM)
    location = forms.CharField(label="地点/线上链接", max_length=200, required=False)
    capacity = _capacity()
