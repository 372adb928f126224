from django import forms
from django.core.exceptions import ValidationError

from careers.core.forms import BaseForm

from . import booths


class BoothAllocationForm(BaseForm):
    """批量分配展位: 区域, 起始号, 每区展位数 (the inputs sit in the bar under the list)."""

    area = forms.CharField(label="区域", max_length=10, initial="A", error_messages={"required": "请填写区域，如 A。"})
    start = forms.IntegerField(label="起始号", min_value=1, max_value=booths.MAX_PER_AREA, initial=1, error_messages={
        "required": "请填写起始号。", "invalid": "起始号：请填写整数。", "min_value": "起始号：最小为 1。",
        "max_value": f"起始号：最大为 {booths.MAX_PER_AREA}。"})
    per_area = forms.IntegerField(label="每区展位数", min_value=1, max_value=booths.MAX_PER_AREA, initial=40,
                                  error_messages={"required": "请填写每区展位数。", "invalid": "每区展位数：请填写整数。",
                                                  "min_value": "每区展位数：最小为 1。",
                                                  "max_value": f"每区展位数：最大为 {booths.MAX_PER_AREA}。"})
    next_areas = forms.BooleanField(label="本区满后顺延到下一区域", required=False, initial=True)

    def clean_area(self):
        return self.cleaned_data["area"].strip().upper()

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["width"] = max(2, len(str(data["per_area"])))
            booths.validate_layout(data["area"], data["start"], data["width"], data["per_area"])
        return data

    def layout(self):
        d = self.cleaned_data
        return {"area": d["area"], "start": d["start"], "width": d["width"], "per_area": d["per_area"],
                "next_areas": d["next_areas"]}


class ParticipationSettingsForm(BaseForm):
    """参会设置 of one unit."""

    booth_codes = forms.CharField(label="展位号", required=False, max_length=300,
                                  help_text="多个展位号用逗号、顿号或空格分隔，如 A01、A02；留空则不分配展位。")
    booths_requested = forms.IntegerField(label="展位数", min_value=1, error_messages={
        "required": "请填写展位数。", "invalid": "展位数：请填写整数。", "min_value": "展位数：至少 1 个。"})
    checked_in = forms.BooleanField(label="单位已签到", required=False)

    def clean_booth_codes(self):
        return booths.parse_codes(self.cleaned_data["booth_codes"])


class RejectForm(BaseForm):
    reason = forms.CharField(label="不通过的原因", max_length=200, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请填写不通过的原因，参会单位将看到该原因。",
                                             "max_length": "不通过的原因最多 200 字。"})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("请填写不通过的原因，参会单位将看到该原因。")
        return reason
