from django import forms

from careers.accounts.models import User
from careers.core.forms import BaseModelForm
from careers.core.richtext import sanitize_html

from .models import Adviser, CounselingSettings, Topic


class SettingsForm(BaseModelForm):
    class Meta:
        model = CounselingSettings
        fields = ["enabled", "guide", "cancel_hours"]
        widgets = {"guide": forms.Textarea(attrs={"rows": 8})}
        error_messages = {"cancel_hours": {"invalid": "取消截止请填写整数小时数。"}}

    def clean_guide(self):
        return sanitize_html(self.cleaned_data["guide"])

    def clean_cancel_hours(self):
        hours = self.cleaned_data["cancel_hours"]
        if hours is not None and hours > 24 * 14:
            raise forms.ValidationError("取消截止最长为开始前 336 小时（14 天）。")
        return hours


class TopicForm(BaseModelForm):
    class Meta:
        model = Topic
        fields = ["name", "description", "position", "is_active"]
        error_messages = {"name": {"required": "请填写主题名称。", "unique": "已有同名的咨询主题。"}}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


STAFF_KINDS = (User.Kind.COUNSELOR, User.Kind.COLLEGE_ADMIN, User.Kind.SCHOOL_ADMIN)


class AdviserForm(BaseModelForm):
    class Meta:
        model = Adviser
        fields = ["user", "title", "intro", "topics", "location", "is_active"]
        widgets = {"topics": forms.CheckboxSelectMultiple, "intro": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"user": {"required": "请选择咨询师的后台账号。",
                                   "unique": "该账号已登记为咨询师。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # staff accounts only (辅导员/教师 or an admin): the adviser works in the back office
        self.fields["user"].queryset = User.objects.filter(kind__in=STAFF_KINDS, is_active=True).order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.name}（{u.username}，{u.get_kind_display()}）"
        self.fields["topics"].queryset = Topic.objects.filter(is_active=True)
