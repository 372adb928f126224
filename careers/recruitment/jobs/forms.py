"""The employer's job form (发布职位 / 修改职位) and the 重新发布 deadline form."""

from django import forms

from careers.codes.fields import RegionField
from careers.codes.models import Code
from careers.core import validators
from careers.core.forms import BaseForm
from careers.core.richtext import clean_required_html

from .actions import DISCIPLINES, validate_deadline
from .models import Job

FIELDS = Job.REVIEW_FIELDS


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class JobForm(BaseForm):
    title = forms.CharField(label="职位名称", max_length=100)
    job_type = forms.ChoiceField(label="工作类型", choices=Job.JobType.choices)
    openings = forms.IntegerField(label="招聘人数", min_value=1, max_value=9999, error_messages={
        "min_value": "招聘人数至少为 1 人。", "max_value": "招聘人数最多 9999 人。", "invalid": "招聘人数请填写整数。"})
    region = RegionField(label="工作地区", active_only=True, error_messages={
        "required": "请选择工作地区：输入地名后在查找结果中点选。",
        "invalid_choice": "所选工作地区不是现行行政区划，请重新选择。"})
    salary_min = forms.IntegerField(label="月薪下限（元）", required=False, min_value=0, max_value=1_000_000,
                                    help_text="不填表示面议")
    salary_max = forms.IntegerField(label="月薪上限（元）", required=False, min_value=0, max_value=1_000_000)
    education = CodeChoiceField(label="学历要求", required=False, empty_label="不限",
                                queryset=Code.objects.of("education_level").filter(is_active=True).order_by("sort", "code"))
    disciplines = forms.ModelMultipleChoiceField(
        label="专业类别要求", required=False, help_text="不选表示不限",
        queryset=Code.objects.of("discipline").filter(is_active=True, level=1).order_by("code"),
        widget=forms.CheckboxSelectMultiple)
    major_requirement = forms.CharField(label="专业要求说明", max_length=200, required=False)
    description = forms.CharField(label="职位描述", max_length=20000, widget=forms.Textarea(attrs={"rows": 10}),
                                  help_text="可直接粘贴排版好的内容；脚本、事件属性等不安全的内容会被自动移除。")
    deadline = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               error_messages={"invalid": "请按 2026-06-30 的格式填写截止日期。"})
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    contact_phone = validators.PhoneField(label="联系电话", max_length=20, required=False)
    contact_email = validators.EmailField(label="联系邮箱", max_length=254, required=False)

    def __init__(self, data=None, *, job=None, pending=True, **kwargs):
        self.job = job
        self.unsafe_removed = False
        initial = kwargs.pop("initial", None)
        if initial is None and job is not None and job.pk:
            initial = self.initial_of(job, pending=pending)
        super().__init__(data, initial=initial, **kwargs)
        self.fields["disciplines"].widget.attrs["class"] = "form-check-input"
        for name, field in self.fields.items():
            if name != "region":
                field.error_messages["required"] = f"请填写{field.label}。"
        self.fields["contact_phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    @staticmethod
    def initial_of(job, pending=True):
        """The post's values (pks for codes); with `pending`, its edit waiting for re-review on top."""
        values = {name: getattr(job, Job._meta.get_field(name).attname) for name in FIELDS}
        values[DISCIPLINES] = list(job.disciplines.values_list("pk", flat=True))
        if pending and job.pending_changes:
            values.update({k: v for k, v in job.pending_changes.items() if k in (*FIELDS, DISCIPLINES)})
        return values


    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_description(self):
        cleaned, self.unsafe_removed = clean_required_html(self.cleaned_data["description"], "职位描述")
        return cleaned

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        validate_deadline(deadline)
        return deadline

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_min", "月薪下限不能高于上限。")
        return data

    def values(self):
        """The REVIEW_FIELDS values for jobs/actions.py (instances for codes, None for blanks)."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in FIELDS}
        for name in ("major_requirement", "contact_person", "contact_phone", "contact_email"):
            values[name] = values[name] or ""
        return values

    def chosen_disciplines(self):
        return list(self.cleaned_data.get("disciplines") or [])


class RepostForm(BaseForm):
    deadline = forms.DateField(label="新的截止日期", required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               error_messages={"invalid": "请按 2026-06-30 的格式填写截止日期。"})
