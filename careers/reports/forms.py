from django import forms
from django.utils import timezone

from careers.core.forms import BaseForm
from careers.core.report_year import year_choices as report_years

from .market import GROUPINGS
from .rates import DIMENSIONS


def year_choices(operating_year):
    """A GET choice of this report only (core/report_year.py): the session's 当前操作年份 is never changed."""
    return [(y, f"{y} 届") for y in report_years(operating_year)]


class RatesForm(BaseForm):
    year = forms.TypedChoiceField(label="毕业年份", coerce=int)
    as_of = forms.DateField(label="截至日期", widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "截至日期格式不正确，请按 2026-09-01 的格式填写。"},
                            help_text="今天显示最近一次快照（一天内生成的每日快照或手动快照）的数据，没有时实时计算，"
                                      "也可点“实时重算”；过去的日期显示当天或之前最近一次快照的数据。")
    dimension = forms.ChoiceField(label="统计维度", choices=[(k, f"按{d.label}") for k, d in DIMENSIONS.items()])

    def __init__(self, data, *, operating_year):
        today = timezone.localdate()
        data = {"year": data.get("year") or operating_year, "as_of": data.get("as_of") or today.isoformat(),
                "dimension": data.get("dimension") or "college"}
        super().__init__(data)
        self.fields["year"].choices = year_choices(operating_year)
        self.fields["year"].error_messages["invalid_choice"] = "请选择列表中的毕业年份。"
        self.fields["dimension"].error_messages["invalid_choice"] = "请选择列表中的统计维度。"


class MarketForm(BaseForm):
    start = forms.DateField(label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "开始日期格式不正确，请按 2026-09-01 的格式填写。"})
    end = forms.DateField(label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": "结束日期格式不正确，请按 2026-09-01 的格式填写。"})
    by = forms.ChoiceField(label="分组", required=False, choices=[("", "不分组"), *GROUPINGS.items()],
                           error_messages={"invalid_choice": "请选择列表中的分组方式。"})

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        return data
