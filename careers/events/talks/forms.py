"""宣讲会 forms: the unit's application, the school's add/edit form, 同意 (registration settings),
不同意 (reason) and 取消 (reason)."""

from django import forms

from careers.core import validators
from careers.core.forms import BaseForm
from careers.core.richtext import clean_required_html
from careers.core.views.review import RejectForm

from ..models import Venue
from .actions import FIELDS, SETTINGS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def datetime_field(label, required=True, help_text=""):
    return forms.DateTimeField(
        label=label, required=required, help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        error_messages={"required": f"请填写{label}。", "invalid": f"{label}格式不正确，请按 2026-12-01 14:00 填写。"})


class VenueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.is_placeholder:
            return f"{obj.name}（待定，学校确定后通知）"
        return f"{obj.name}（{obj.capacity}人{('，' + obj.equipment) if obj.equipment else ''}）"


def venue_field(label="场地", help_text=""):
    return VenueChoiceField(label=label, help_text=help_text,
                            queryset=Venue.objects.filter(is_active=True).order_by("is_placeholder", "name"),
                            error_messages={"required": "请选择场地（不确定时可选“待定”场地）。",
                                            "invalid_choice": "所选场地不存在或已停用，请重新选择。"})


class JobChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class TalkFieldsForm(BaseForm):
    """The fields a unit fills in (and the school too, when it publishes a talk)."""

    title = forms.CharField(label="宣讲会标题", max_length=100)
    starts_at = datetime_field("开始时间")
    ends_at = datetime_field("结束时间")
    venue = venue_field(help_text="不确定具体场地时选择“待定（N人）”，学校审核时确定场地。")
    audience = forms.CharField(label="面向对象", max_length=200, required=False,
                               help_text="如：2027届计算机类本科、研究生")
    description = forms.CharField(label="宣讲内容", max_length=20000, widget=forms.Textarea(attrs={"rows": 8}),
                                  help_text="单位介绍、宣讲安排等；脚本等不安全的内容会被自动移除。")
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    contact_phone = validators.PhoneField(label="联系电话", max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        self.unsafe_removed = False
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "venue":
                field.error_messages["required"] = f"请填写{field.label}。"
        self.fields["contact_phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_description(self):
        cleaned, self.unsafe_removed = clean_required_html(self.cleaned_data["description"], "宣讲内容")
        return cleaned

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "结束时间必须晚于开始时间。")
        return data

    def values(self):
        return {name: self.cleaned_data.get(name) for name in FIELDS}

    @staticmethod
    def initial_of(talk):
        initial = {name: getattr(talk, name) for name in FIELDS}
        initial["venue"] = talk.venue_id
        initial["jobs"] = list(talk.jobs.values_list("pk", flat=True)) if talk.pk else []
        return initial


class TalkApplicationForm(TalkFieldsForm):
    """申请宣讲会 (the unit): its own jobs in 发布中 may be linked."""

    jobs = JobChoiceField(label="招聘职位", required=False, queryset=None, widget=forms.CheckboxSelectMultiple,
                          help_text="可选：关联贵单位正在发布的职位，学生可在宣讲会页面查看。",
                          error_messages={"invalid_choice": "所选职位不属于贵单位或已不在发布中。"})

    field_order = ["title", "starts_at", "ends_at", "venue", "audience", "jobs", "description", "contact_person",
                   "contact_phone"]

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        from careers.recruitment.models import Job

        self.fields["jobs"].queryset = Job.objects.published().filter(employer=employer).order_by("-bumped_at", "-pk")
        self.fields["jobs"].widget.attrs["class"] = "form-check-input"
        self.order_fields(self.field_order)


class SettingsFields(forms.Form):
    """同意 / 学校发布: 报名时间窗, 人数上限, 签到口令, 签到需要先报名."""

    registration_opens_at = datetime_field("报名开始时间", required=False, help_text="留空表示审核后即可报名")
    registration_closes_at = datetime_field("报名截止时间", required=False, help_text="留空表示宣讲会结束前均可报名")
    capacity = forms.IntegerField(label="报名人数上限", required=False, min_value=1, max_value=100000,
                                  help_text="留空则按场地容纳人数（待定场地不限）",
                                  error_messages={"min_value": "报名人数上限至少为 1。", "invalid": "报名人数上限请填写整数。"})
    registration_required = forms.BooleanField(label="签到需要先报名", required=False, initial=True)
    checkin_passphrase = forms.CharField(label="签到口令", max_length=20, required=False,
                                         help_text="设置后，学生扫码签到时需输入口令")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", "报名截止时间必须晚于报名开始时间。")
        return data

    def settings(self):
        return {name: self.cleaned_data.get(name) for name in SETTINGS}

    @staticmethod
    def settings_initial(talk):
        return {name: getattr(talk, name) for name in SETTINGS}


class ApproveForm(SettingsFields, BaseForm):
    venue = venue_field("确定场地", help_text="申请的是待定场地时，请改为具体场地")
    field_order = ["venue", "registration_opens_at", "registration_closes_at", "capacity", "registration_required",
                   "checkin_passphrase"]

    def __init__(self, *args, talk=None, **kwargs):
        if talk is not None and "initial" not in kwargs:
            kwargs["initial"] = {**self.settings_initial(talk), "venue": talk.venue_id,
                                 "registration_closes_at": talk.registration_closes_at or talk.starts_at}
        super().__init__(*args, **kwargs)
        if talk is not None:  # the booked venue stays selectable even when stopped since
            self.fields["venue"].queryset = Venue.objects.filter(pk=talk.venue_id) | self.fields["venue"].queryset
        self.order_fields(self.field_order)


class SchoolTalkForm(SettingsFields, TalkFieldsForm):
    """学校发布宣讲会 (add) and 修改宣讲会 (edit): optionally for an admitted unit."""

    employer = forms.ModelChoiceField(label="用人单位", required=False, queryset=None,
                                      help_text="不选表示学校自行举办，请填写举办单位",
                                      error_messages={"invalid_choice": "所选单位不存在或尚未入驻。"})
    organiser = forms.CharField(label="举办单位", max_length=100, required=False,
                                help_text="不选用人单位时显示的名称，如：学生就业指导中心")
    field_order = ["employer", "organiser", "title", "starts_at", "ends_at", "venue", "audience", "description",
                   "contact_person", "contact_phone", "registration_opens_at", "registration_closes_at", "capacity",
                   "registration_required", "checkin_passphrase"]

    def __init__(self, *args, talk=None, **kwargs):
        from careers.recruitment.models import Employer

        if talk is not None and talk.pk and "initial" not in kwargs:
            kwargs["initial"] = {**self.initial_of(talk), **self.settings_initial(talk), "employer": talk.employer_id,
                                 "organiser": talk.organiser}
        super().__init__(*args, **kwargs)
        # only what the choice shows: a large list is a type-ahead (core.typeahead), searched by name
        self.fields["employer"].queryset = Employer.objects.admitted_choices().only("pk", "name").order_by("name")
        if talk is not None and talk.pk:
            self.fields["venue"].queryset = Venue.objects.filter(pk=talk.venue_id) | self.fields["venue"].queryset
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        if not data.get("employer") and not (data.get("organiser") or "").strip():
            self.add_error("organiser", "不选用人单位时，请填写举办单位。")
        return data

    def values(self):
        return {**super().values(), "organiser": (self.cleaned_data.get("organiser") or "").strip()}


class TalkRejectForm(RejectForm):
    reason = forms.CharField(label="不同意的原因", max_length=200, error_messages={
        "required": "请填写不同意的原因，用人单位将看到该原因。", "max_length": "原因最多 200 个字。"})


class CancelForm(BaseForm):
    reason = forms.CharField(label="取消原因", max_length=200, required=False,
                             help_text="将通知已报名的学生和用人单位",
                             error_messages={"max_length": "原因最多 200 个字。"})
