"""新增 / 修改就业活动 (manual 3.2.1) and 活动分类. Rules spanning fields live in `clean` and name their field."""

from django import forms

from careers.core.forms import BaseForm, BaseModelForm
from careers.core.richtext import sanitize_html

from ..models import Venue
from ..venues.conflicts import describe, venue_conflicts
from .models import CareerEvent, CareerEventCategory

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_WIDGET = {"type": "datetime-local"}
TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


class CareerEventCategoryForm(BaseModelForm):
    class Meta:
        model = CareerEventCategory
        fields = ["name", "ordering", "is_active"]
        error_messages = {"name": {"required": "请填写分类名称。"}}


class CareerEventForm(BaseModelForm):
    class Meta:
        model = CareerEvent
        fields = ["title", "category", "venue", "starts_at", "ends_at", "registration_opens_at",
                  "registration_closes_at", "capacity", "audience", "organiser", "description",
                  "registration_required", "uses_device", "checkin_passphrase"]
        widgets = {**{name: forms.DateTimeInput(attrs=DATETIME_WIDGET, format=DATETIME_FORMAT) for name in TIMES},
                   "description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"description": "可直接粘贴排版好的内容；脚本等不安全的内容会被自动移除",
                      "starts_at": "活动举办的实际时间"}
        error_messages = {
            "title": {"required": "请填写活动名称。"},
            "category": {"required": "请选择活动分类（可在“活动分类管理”中新增）。"},
            "starts_at": {"required": "请填写开始时间。", "invalid": "开始时间格式不正确。"},
            "ends_at": {"required": "请填写结束时间。", "invalid": "结束时间格式不正确。"},
            "registration_opens_at": {"invalid": "学生申请时间格式不正确。"},
            "registration_closes_at": {"invalid": "截止时间格式不正确。"},
        }

    def __init__(self, data=None, files=None, *, instance=None, user=None, **kwargs):
        super().__init__(data, files, instance=instance, user=user, **kwargs)
        current = getattr(instance, "category_id", None) or 0
        self.fields["category"].queryset = (CareerEventCategory.objects.filter(is_active=True)
                                            | CareerEventCategory.objects.filter(pk=current))
        venue = self.fields["venue"]
        venue.queryset = Venue.objects.filter(is_active=True, is_placeholder=False) | Venue.objects.filter(
            pk=getattr(instance, "venue_id", None) or 0)
        venue.empty_label = "待定"
        venue.help_text = "选择场地后将检查与宣讲会、招聘会和其他就业活动的时间冲突；留空为待定"
        self.conflicts = []

    def clean_description(self):
        return sanitize_html(self.cleaned_data.get("description"))

    def clean_checkin_passphrase(self):
        return (self.cleaned_data.get("checkin_passphrase") or "").strip()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "结束时间必须晚于开始时间。")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", "截止时间必须晚于学生申请时间。")
        if closes and ends and closes > ends:
            self.add_error("registration_closes_at", "截止时间不能晚于活动结束时间。")
        venue, capacity = data.get("venue"), data.get("capacity")
        if venue is not None and capacity and capacity > venue.capacity:
            self.add_error("capacity", f"人数上限（{capacity}）不能超过场地“{venue}”的容纳人数（{venue.capacity}）。")
        if venue is not None and starts and ends and ends > starts:
            pk = self.instance.pk
            self.conflicts = [e for e in venue_conflicts(venue, starts, ends, exclude=self.instance if pk else None)]
        return data

    def conflict_text(self):
        return "；".join(describe(e) for e in self.conflicts)


class CancelForm(BaseForm):
    reason = forms.CharField(label="取消原因", max_length=200, error_messages={"required": "请填写取消原因。"},
                             help_text="已报名的学生将收到该原因")


class PassphraseForm(BaseForm):
    passphrase = forms.CharField(label="签到口令", max_length=20, error_messages={"required": "请输入签到口令。"})
