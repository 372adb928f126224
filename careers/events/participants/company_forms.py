"""The unit's forms for a fair: the application (参会申请), the signed receipt and the transfer proof.

Which parts of the application appear follows the fair: 选择招聘职位 / 上传海报 / 填写发票信息 only when the
school made that operation visible (`Fair.employer_operations`), poster and brochure per `poster_method`.
Every message names the field (and the attendee row) and says what is wrong.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from careers.core import validators
from careers.core.forms import BaseForm
from careers.recruitment.models import Job

from ..models import EmployerOperation, PosterMethod
from .files import clean_document, clean_poster

TAX_NUMBER = re.compile(r"^[0-9A-Z]{15,20}$")
ATTENDEE_PARTS = (("name", "姓名", 20), ("phone", "手机号", 20), ("position", "职务", 30))


class DocumentField(forms.FileField):
    """JPG/PNG/PDF ≤ 5 MB checked by content; cleans to (bytes, extension) or None when nothing was sent."""

    def __init__(self, what, **kwargs):
        self.what = what
        kwargs.setdefault("help_text", "JPG、PNG 图片或 PDF 文件，不超过 5 MB。")
        super().__init__(widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
                         **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return None
        return clean_document(upload, self.what)


class PosterField(forms.FileField):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
                         help_text="JPG 或 PNG 图片，不超过 5 MB。", **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return None
        return clean_poster(upload)


class JobChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, job):
        return f"{job.title}（招{job.openings}人）"


class ApplicationForm(BaseForm):
    booths_requested = forms.IntegerField(label="申请展位数", min_value=1)
    contact_person = forms.CharField(label="联系人", max_length=50)
    contact_phone = validators.PhoneField(label="联系电话", max_length=20)
    note = forms.CharField(label="备注", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, fair, employer, participation=None, **kwargs):
        self.fair, self.employer, self.participation = fair, employer, participation
        initial = kwargs.pop("initial", None) or self._initial()
        super().__init__(*args, initial=initial, **kwargs)
        field = self.fields["booths_requested"]
        field.help_text = f"每家单位最多 {fair.booths_per_unit} 个展位。"
        field.widget.attrs.update({"min": 1, "max": fair.booths_per_unit})
        for i in range(1, fair.attendees_per_unit + 1):
            for part, label, length in ATTENDEE_PARTS:
                self.fields[f"attendee_{i}_{part}"] = forms.CharField(
                    label=f"参会人员{i} {label}", max_length=length, required=False)
        if fair.allows(EmployerOperation.JOBS):
            self.fields["jobs"] = JobChoiceField(
                label="招聘职位", queryset=Job.objects.published().filter(employer=employer).order_by("-bumped_at", "pk"),
                widget=forms.CheckboxSelectMultiple, required=True,
                help_text="从贵单位已审核通过、未过期的职位中选择。",
                error_messages={"required": "招聘职位：请至少选择一个职位；如列表为空，请先在“职位管理”发布职位并等待审核通过。",
                                "invalid_choice": "招聘职位：所选职位已关闭或不属于贵单位，请重新选择。"})
        if fair.allows(EmployerOperation.POSTER):
            if fair.poster_method in (PosterMethod.IMAGE, PosterMethod.BOTH):
                self.fields["poster"] = PosterField(label="海报图片", required=False)
            if fair.poster_method in (PosterMethod.ATTACHMENT, PosterMethod.BOTH):
                self.fields["brochure"] = DocumentField("招聘简章附件", label="招聘简章附件", required=False)
        if fair.allows(EmployerOperation.INVOICE) and fair.fee_items:
            self.fields["invoice_title"] = forms.CharField(label="发票抬头", max_length=100, required=False)
            self.fields["invoice_tax_number"] = forms.CharField(
                label="纳税人识别号", max_length=20, required=False, help_text="一般为统一社会信用代码（18 位）。")
            self.fields["invoice_email"] = validators.EmailField(label="接收发票邮箱", max_length=254, required=False)
            self.fields["invoice_note"] = forms.CharField(label="发票备注", max_length=200, required=False)
        self._style()

    def _initial(self):
        p = self.participation
        if p is None:
            return {"booths_requested": 1, "contact_person": self.employer.contact_person,
                    "contact_phone": self.employer.phone, "invoice_title": self.employer.name,
                    "invoice_tax_number": self.employer.credit_code, "invoice_email": self.employer.email}
        initial = {name: getattr(p, name) for name in (
            "booths_requested", "contact_person", "contact_phone", "note", "invoice_title", "invoice_tax_number",
            "invoice_email", "invoice_note")}
        for i, row in enumerate(p.attendees or (), start=1):
            for part, _, _ in ATTENDEE_PARTS:
                initial[f"attendee_{i}_{part}"] = row.get(part, "")
        initial["jobs"] = list(p.participant_jobs.values_list("job_id", flat=True))
        return initial

    def attendee_rows(self):
        """[(number, name field, phone field, position field)] for the template."""
        return [(i, *(self[f"attendee_{i}_{part}"] for part, _, _ in ATTENDEE_PARTS))
                for i in range(1, self.fair.attendees_per_unit + 1)]

    def clean_booths_requested(self):
        value = self.cleaned_data["booths_requested"]
        if value > self.fair.booths_per_unit:
            raise ValidationError(f"申请展位数不能超过 {self.fair.booths_per_unit} 个（本场招聘会每单位上限）。")
        return value

    def clean_invoice_tax_number(self):
        value = self.cleaned_data.get("invoice_tax_number", "").strip().upper()
        if value and not TAX_NUMBER.match(value):
            raise ValidationError("纳税人识别号：应为 15–20 位数字或大写字母，请对照营业执照核对。")
        return value

    def clean(self):
        data = super().clean()
        rows = []
        for i in range(1, self.fair.attendees_per_unit + 1):
            row = {part: (data.get(f"attendee_{i}_{part}") or "").strip() for part, _, _ in ATTENDEE_PARTS}
            if not any(row.values()):
                continue
            if not row["name"]:
                self.add_error(f"attendee_{i}_name", f"参会人员{i}：请填写姓名。")
            if not row["phone"]:
                self.add_error(f"attendee_{i}_phone", f"参会人员{i}：请填写手机号。")
            elif not validators.is_valid(validators.validate_phone, row["phone"]):
                self.add_error(f"attendee_{i}_phone", f"参会人员{i}：手机号“{row['phone']}”格式不正确。")
            else:
                row["phone"] = validators.validate_phone(row["phone"])
            rows.append(row)
        if not rows:
            self.add_error("attendee_1_name", "参会人员：请至少填写一位参会人员的姓名和手机号。")
        data["attendees"] = rows
        if data.get("invoice_tax_number") and not data.get("invoice_title"):
            self.add_error("invoice_title", "发票抬头：填写了纳税人识别号时请填写发票抬头。")
        return data

    def values(self):
        data = self.cleaned_data
        keys = ("booths_requested", "attendees", "contact_person", "contact_phone", "note", "invoice_title",
                "invoice_tax_number", "invoice_email", "invoice_note")
        return {key: data[key] for key in keys if key in data}

    def chosen_jobs(self):
        return self.cleaned_data.get("jobs") if "jobs" in self.fields else None

    def uploads(self):
        return {name: self.cleaned_data.get(name) for name in ("poster", "brochure") if name in self.fields}


class ReceiptUploadForm(BaseForm):
    receipt = DocumentField("签字回执", label="签字盖章的回执", error_messages={"required": "请选择签字盖章后的回执文件。"})


class ProofUploadForm(BaseForm):
    proof = DocumentField("转账凭证", label="转账凭证", error_messages={"required": "请选择转账凭证（截图或回单）。"})
