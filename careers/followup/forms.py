from django import forms

from careers.core.forms import BaseModelForm

from .models import FollowUpEntry

DATE = {"type": "date"}


class FollowUpEntryForm(BaseModelForm):
    """One 跟踪记录. Date rules live in FollowUpEntry.clean (the form and actions share them)."""

    difficulties = forms.MultipleChoiceField(label="困难帮扶类别", required=False,
                                             choices=FollowUpEntry.Difficulty.choices,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text="可多选；不勾选表示无困难帮扶需要。")

    class Meta:
        model = FollowUpEntry
        fields = ["contacted_on", "method", "situation", "difficulties", "help_given", "next_step", "next_contact_on"]
        widgets = {
            "contacted_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "next_contact_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "help_given": forms.Textarea(attrs={"rows": 2, "placeholder": "如：推荐岗位、简历指导、申请求职补贴"}),
            "next_step": forms.Textarea(attrs={"rows": 2, "placeholder": "如：两周后回访面试结果"}),
        }
        error_messages = {
            "contacted_on": {"required": "请填写联系日期。", "invalid": "联系日期格式不正确，应为 年-月-日。"},
            "next_contact_on": {"invalid": "下次联系日期格式不正确，应为 年-月-日。"},
            "situation": {"required": "请选择求职状态。"},
        }

    def __init__(self, *args, student=None, **kwargs):
        super().__init__(*args, **kwargs)
        if student is not None:
            self.instance.student = student
        for name in ("difficulties",):
            self.fields[name].widget.attrs["class"] = "form-check-input"
