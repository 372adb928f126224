"""Forms of 协议书管理: the student's application, 批量审核打印, 登记编号, 不同意, 重置, settings, materials."""

from django import forms
from django.core.exceptions import ValidationError

from careers.codes.fields import RegionField
from careers.core.forms import BaseForm, BaseModelForm
from careers.events.participants.files import clean_document
from careers.recruitment.employers.models import Employer

from .models import AgreementSettings, ApplicationKind, MaterialRequirement


class ApplyForm(BaseForm):
    """学生申请: the type (only 首次申请 the first time), the reason, one upload per required material."""

    kind = forms.ChoiceField(label="申请类型", widget=forms.RadioSelect,
                             error_messages={"required": "请选择申请类型。",
                                             "invalid_choice": "所选申请类型现在不能申请。"})
    reason = forms.CharField(label="申请原因", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="补办（违约、遗失、错填、损坏等）须写明原因。")

    def __init__(self, *args, kinds, requirements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, ApplicationKind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.requirements = requirements  # every later kind's materials: shown with their kind
        for requirement in requirements:
            self.fields[f"material_{requirement.pk}"] = forms.FileField(
                label=requirement.name, required=False,
                help_text=" ".join(filter(None, [requirement.description, "JPG、PNG 图片或 PDF，不超过 5 MB"])))
        self._style()

    def material_fields(self, kind=None):
        return [(r, self[f"material_{r.pk}"]) for r in self.requirements if kind is None or r.kind == kind]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        self.files_clean = {}
        for requirement in self.requirements:
            name = f"material_{requirement.pk}"
            upload = data.get(name)
            if requirement.kind != kind:
                continue
            if upload is None:
                if requirement.required:
                    self.add_error(name, f"{ApplicationKind(kind).label}须上传“{requirement.name}”。")
                continue
            try:
                self.files_clean[requirement.pk] = clean_document(upload, requirement.name)
            except ValidationError as exc:
                self.add_error(name, exc)
        return data


class PrintBatchForm(BaseForm):
    batch_label = forms.CharField(label="识别号", max_length=30, help_text="仅用于区分打印的批次，无实际意义。",
                                  error_messages={"required": "请填写识别号。"})
    start = forms.CharField(label="协议书起始号", max_length=30,
                            help_text="编号须连续，数量与打印人数一致；已用过（含已作废）的编号不能再用。",
                            error_messages={"required": "请填写协议书起始号。"})
    end = forms.CharField(label="协议书结束号（核对用，可不填）", max_length=30, required=False,
                          help_text="填写后系统核对：起止编号的份数须与所选申请数一致。")


class RegisterNumberForm(BaseForm):
    number = forms.CharField(label="协议书编号", max_length=30, error_messages={"required": "请填写协议书编号。"})


class RejectForm(BaseForm):
    reason = forms.CharField(label="不同意的原因", max_length=200, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请填写不同意的原因。"})


class ResetForm(BaseForm):
    reason = forms.CharField(label="重置原因", max_length=150, required=False, initial="打印错误")


class AgreementSettingsForm(BaseModelForm):
    class Meta:
        model = AgreementSettings
        fields = ["mode", "online_signing", "instructions"]
        widgets = {"mode": forms.RadioSelect, "instructions": forms.Textarea(attrs={"rows": 3})}


class MaterialRequirementForm(BaseModelForm):
    class Meta:
        model = MaterialRequirement
        fields = ["kind", "name", "description", "required", "position"]


# -- 网上签约 ---------------------------------------------------------------------------------------

class SigningForm(BaseForm):
    """学生填写网上签约: the unit (type-ahead over admitted units) and the agreement's terms."""

    employer = forms.ModelChoiceField(label="用人单位", queryset=Employer.objects.admitted_choices().order_by("name"),
                                      error_messages={"required": "请选择用人单位：输入单位名称后在查找结果中点选。",
                                                      "invalid_choice": "所选单位不是本校已入驻的用人单位。"})
    job_title = forms.CharField(label="工作岗位", max_length=60, error_messages={"required": "请填写工作岗位。"})
    work_region = RegionField(label="工作地点", active_only=True,
                              error_messages={"required": "请选择工作地点：输入地名后在查找结果中点选。"})
    contract_period = forms.CharField(label="合同期限", max_length=30, help_text="如：3 年",
                                      error_messages={"required": "请填写合同期限。"})
    salary = forms.CharField(label="薪酬待遇", max_length=60, help_text="如：月薪 8000 元",
                             error_messages={"required": "请填写薪酬待遇。"})
    probation = forms.CharField(label="试用期", max_length=30, required=False, help_text="如：6 个月；无试用期可不填")
    start_date = forms.DateField(label="报到日期", widget=forms.DateInput(attrs={"type": "date"}),
                                 error_messages={"required": "请填写报到日期。", "invalid": "报到日期格式不正确。"})
    other_terms = forms.CharField(label="其他约定", max_length=1000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class EmployerConfirmForm(BaseForm):
    contact = forms.CharField(label="单位经办人", max_length=50, error_messages={"required": "请填写单位经办人。"})
    phone = forms.CharField(label="经办人电话", max_length=20, error_messages={"required": "请填写经办人电话。"})
    agree = forms.BooleanField(label="本单位已核对并同意上述协议条款", error_messages={
        "required": "请勾选“本单位已核对并同意上述协议条款”。"})


class DeclineForm(BaseForm):
    reason = forms.CharField(label="退回原因", max_length=200, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请填写退回原因。"})


class SigningApproveForm(BaseForm):
    start = forms.CharField(label="协议书编号", max_length=30, required=False,
                            help_text="默认为最新编号系列的下一个编号；编号全校唯一，不能重复或跳号。")
