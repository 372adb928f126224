"""项目活动 forms: 报名类型, 新增/修改项目活动 (back office), 不同意 (reason), and the student's 报名 / 添加成员."""

from django import forms
from django.core.files.base import ContentFile
from django.db.models import Count, Q

from careers.core.forms import BaseForm, BaseModelForm
from careers.core.richtext import sanitize_html

from ..participants.files import clean_document
from .models import EntryForm, Programme, ProgrammeEntryType

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def checked_file(upload, what):
    """A ContentFile of a validated JPG/PNG/PDF upload (re-encoded images, PDFs without active content)."""
    data, ext = clean_document(upload, what)
    return ContentFile(data, name=f"upload.{ext}")


class ProgrammeEntryTypeForm(BaseModelForm):
    class Meta:
        model = ProgrammeEntryType
        fields = ["name", "description", "ordering", "is_active"]
        error_messages = {"name": {"required": "请填写类型名称。", "unique": "已有同名的报名类型，请换一个名称。"},
                          "ordering": {"invalid": "排序请填写整数。"}}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class ProgrammeForm(BaseModelForm):
    class Meta:
        model = Programme
        fields = ["title", "entry_types", "entry_form", "registration_opens_at", "registration_closes_at",
                  "min_members", "max_members", "member_mode", "advisor_rule", "attachment_required",
                  "attachment", "contact", "description", "state"]
        widgets = {
            "registration_opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "registration_closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "entry_types": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "title": {"required": "请填写项目名称。"},
            "registration_opens_at": {"required": "请填写报名开始时间。",
                                      "invalid": "报名开始时间格式不正确，请按 2026-12-01 08:00 填写。"},
            "registration_closes_at": {"required": "请填写报名截止时间。",
                                       "invalid": "报名截止时间格式不正确，请按 2026-12-31 18:00 填写。"},
            "min_members": {"invalid": "最少人数请填写整数。"},
            "max_members": {"invalid": "最多人数请填写整数。"},
        }
        help_texts = {"entry_types": "学生报名时可选择的组别或类型（在“报名类型”中维护）；不选则报名时无需选择类型。",
                      "description": "比赛说明、报名要求等；脚本等不安全的内容会被自动移除。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Q(is_active=True)
        if self.instance.pk:  # a type switched off later stays on the programmes that use it
            active |= Q(pk__in=self.instance.entry_types.values("pk"))
        self.fields["entry_types"].queryset = ProgrammeEntryType.objects.filter(active).order_by("ordering", "pk")

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_description(self):
        return sanitize_html(self.cleaned_data.get("description"))

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "content_type"):  # a new upload (not the stored file)
            return checked_file(upload, "项目附件")
        return upload

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", "报名截止时间必须晚于报名开始时间。")
        if data.get("entry_form") == EntryForm.INDIVIDUAL:
            data["min_members"] = data["max_members"] = 1
        else:
            low, high = data.get("min_members"), data.get("max_members")
            if low is not None and low < 1:
                self.add_error("min_members", "最少人数至少为 1 人（含队长）。")
            if high is not None and high < 2:
                self.add_error("max_members", "团队报名的最多人数至少为 2 人（含队长）。")
            if low is not None and high is not None and high < low:
                self.add_error("max_members", f"最多人数（{high}）不能少于最少人数（{low}）。")
        self._check_existing_entries(data)
        return data

    def _check_existing_entries(self, data):
        """Once students have registered, the form of entry stays and no team may end up over the limit."""
        if not self.instance.pk:
            return
        from .models import ACTIVE_STATUSES, ProgrammeEntryMember

        active = ProgrammeEntryMember.objects.filter(programme=self.instance, active=True,
                                                     entry__status__in=ACTIVE_STATUSES)
        if not active.exists():
            return
        if data.get("entry_form") and data["entry_form"] != self.instance.entry_form:
            self.add_error("entry_form", "已有学生报名，不能修改报名项目形式。")
        high = data.get("max_members")
        if high is not None and data.get("entry_form") == EntryForm.TEAM:
            largest = (active.values("entry").annotate(n=Count("pk")).order_by("-n").values_list("n", flat=True)
                       .first()) or 0
            if largest > high:
                self.add_error("max_members", f"已有 {largest} 人的团队报名，最多人数不能少于 {largest}。")


class EntryRejectForm(BaseForm):
    reason = forms.CharField(label="不同意的原因", max_length=200, error_messages={
        "required": "请填写不同意的原因，学生将看到该原因。",
        "max_length": "不同意的原因不超过 200 字。"})


# -- student side -----------------------------------------------------------------------------------

class EntryFieldsForm(BaseForm):
    """The captain's (or individual's) entry: type, team name, advisor, note, attachment."""

    entry_type = forms.ModelChoiceField(label="报名类型", queryset=ProgrammeEntryType.objects.none(), required=False,
                                        error_messages={"invalid_choice": "所选报名类型不属于本项目活动，请重新选择。"})
    team_name = forms.CharField(label="团队名称", max_length=50, required=False)
    advisor_name = forms.CharField(label="指导教师", max_length=50, required=False)
    advisor_contact = forms.CharField(label="指导教师联系方式", max_length=50, required=False)
    note = forms.CharField(label="报名说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label="报名附件", required=False, help_text="JPG、PNG 或 PDF，不超过 5 MB")

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        types = programme.entry_types.all()
        self.fields["entry_type"].queryset = types
        self.fields["entry_type"].required = types.exists()
        self.fields["entry_type"].error_messages["required"] = "请选择报名类型。"
        if not programme.is_team:
            del self.fields["team_name"]
        else:
            self.fields["team_name"].required = True
            self.fields["team_name"].error_messages["required"] = "团队报名请填写团队名称。"
        if programme.advisor_rule == "none":
            del self.fields["advisor_name"], self.fields["advisor_contact"]
        elif programme.advisor_rule == "required":
            self.fields["advisor_name"].required = True
            self.fields["advisor_name"].error_messages["required"] = "本项目活动要求填写指导教师。"

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return checked_file(upload, "报名附件") if upload else None

    def values(self):
        return {name: self.cleaned_data.get(name) for name in
                ("entry_type", "team_name", "advisor_name", "advisor_contact", "note")}


class MemberForm(BaseForm):
    student_number = forms.CharField(label="成员学号", max_length=32,
                                     error_messages={"required": "请填写成员学号。"})
    name = forms.CharField(label="成员姓名", max_length=64, required=False)
    phone = forms.CharField(label="成员联系电话", max_length=20, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        if programme.member_mode == "details":
            self.fields["name"].required = True
            self.fields["name"].error_messages["required"] = "请填写成员姓名（须与学号一致）。"
        else:
            del self.fields["phone"]
            self.fields["name"].help_text = "可不填；填写时须与学号一致"


def parse_members(text):
    """Members typed one a line — “学号 [姓名] [电话]” — as [(学号, 姓名 or None, 电话)]; rows named in errors."""
    rows = []
    for line in (text or "").splitlines():
        parts = line.replace("，", " ").replace(",", " ").split()
        if not parts:
            continue
        rows.append((parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else ""))
    return rows
