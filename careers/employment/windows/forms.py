"""功能时间设置's form: one graduation year's window for one function."""

from django import forms

from careers.core.forms import BaseModelForm

from .models import ReportingWindow

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class ReportingWindowForm(BaseModelForm):
    class Meta:
        model = ReportingWindow
        fields = ["graduation_year", "function", "opens_at", "closes_at"]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        self.fields["graduation_year"] = forms.IntegerField(label="毕业年份", min_value=2000, max_value=2100)
        self.fields["function"].choices = [("", "请选择"), *ReportingWindow.Function.choices]
        self.fields["closes_at"].help_text = "未设置时间的毕业年份默认开放；结束后学生不能再填报或修改。"
        self._style()

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "结束时间必须晚于开始时间。")
        year, function = data.get("graduation_year"), data.get("function")
        if year and function and ReportingWindow.objects.filter(graduation_year=year, function=function).exclude(
                pk=self.instance.pk).exists():
            self.add_error(None, f"{year}届“{ReportingWindow.Function(function).label}”的时间已设置，请修改已有的设置。")
        return data

    def _get_validation_exclusions(self):
        # the (year, function) pair is checked in clean() with a clearer message than the constraint's
        return {*super()._get_validation_exclusions(), "function"}
