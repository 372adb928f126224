"""Forms of the account appeal: the public 账号申诉 form and the admin's handling forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from careers.accounts.forms import SetPasswordForm
from careers.core.forms import BaseForm
from careers.core.uploads import ImagePolicy, clean_image
from careers.core.validators import EmailField, validate_credit_code, validate_mobile
from careers.resumes.attachments import clean_pdf

from .models import AccountAppeal

LICENCE_MAX_BYTES = 5 * 1024 * 1024
LICENCE_IMAGE = ImagePolicy(
    max_bytes=LICENCE_MAX_BYTES, max_side=3000, formats=frozenset({"JPEG", "PNG"}),
    hint="营业执照请上传 JPG 或 PNG 格式的照片，或 PDF 扫描件（不超过 5 MB）。")


def clean_licence_file(upload):
    """A ContentFile of the checked licence: a re-encoded JPG/PNG, or the PDF as uploaded.

    The content decides (a PDF renamed .jpg is a PDF; a .exe renamed .png is refused)."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        try:
            data = clean_pdf(upload)
        except ValidationError as exc:
            raise ValidationError([m.replace("附件", "营业执照文件") for m in exc.messages])
        return ContentFile(data, name="licence.pdf")
    image = clean_image(upload, LICENCE_IMAGE)
    return ContentFile(image.data, name=f"licence.{image.extension}")


def normalise_mobile(value):
    """The shared mobile rule; the message adds why it matters here."""
    try:
        return validate_mobile(value)
    except ValidationError:
        raise ValidationError("手机号码格式不正确：请填写 1 开头的 11 位中国大陆手机号码，新密码可能通过短信发送到此号码。",
                              code="mobile") from None


class AppealForm(BaseForm):
    """账号申诉 (public): who the unit is, the new contact, the licence and why."""

    unit_name = forms.CharField(label="单位名称", max_length=100, help_text="与注册时及营业执照上的名称一致。")
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30,
                                  help_text="营业执照上的 18 位代码。")
    contact_person = forms.CharField(label="新联系人", max_length=50)
    phone = forms.CharField(label="新联系人手机号码", max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    email = EmailField(label="新联系人电子邮箱", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    licence = forms.FileField(label="营业执照照片", help_text="JPG、PNG 照片或 PDF 扫描件，不超过 5 MB。",
                              widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
                              error_messages={"required": "请上传营业执照照片或扫描件。"})
    reason = forms.CharField(label="申诉原因", max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="例如：原联系人离职，无法找回密码和原邮箱。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "licence":
                field.error_messages["required"] = f"请填写{field.label}。"

    def clean_unit_name(self):
        return " ".join(self.cleaned_data["unit_name"].split())

    def clean_credit_code(self):
        return validate_credit_code(self.cleaned_data["credit_code"])

    def clean_contact_person(self):
        return self.cleaned_data["contact_person"].strip()

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data["phone"])

    def clean_licence(self):
        return clean_licence_file(self.cleaned_data["licence"])

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 5:
            raise ValidationError("请简要说明申诉原因（至少 5 个字），便于学校审核。")
        return reason


class PasswordMethodForm(SetPasswordForm):
    """(1) 修改密码: the admin types the new password twice."""

    prefix = "password"


class NoteForm(BaseForm):
    """(4) 其他处理方式."""

    prefix = "other"
    note = forms.CharField(label="处理说明", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "请填写处理说明（例如：已电话核实并线下办理）。"})


class RejectForm(BaseForm):
    """不予处理."""

    prefix = "reject"
    reason = forms.CharField(label="不予处理的原因", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "请填写不予处理的原因。"})


METHOD_FORMS = {AccountAppeal.Method.PASSWORD: PasswordMethodForm, AccountAppeal.Method.OTHER: NoteForm,
                "reject": RejectForm}
