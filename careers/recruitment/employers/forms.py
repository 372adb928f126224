"""用人单位 forms: the public registration and the unit's own profile edit (单位信息).

Every message names the field and says what is wrong. The licence is checked by its content
(PDF, JPG or PNG; images are re-encoded, which drops EXIF), never by its name.
"""

import unicodedata

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from careers.accounts.models import User
from careers.codes.fields import RegionField
from careers.codes.models import Code
from careers.core import validators
from careers.core.forms import BaseForm
from careers.core.uploads import ImagePolicy, clean_image, read_limited
from careers.employment.outcomes.forms import CodeChoiceField
from careers.resumes.attachments import clean_pdf

from .models import Employer

LICENCE_MAX_BYTES = 5 * 1024 * 1024
LICENCE_POLICY = ImagePolicy(max_bytes=LICENCE_MAX_BYTES, max_side=3000, formats=frozenset({"JPEG", "PNG"}),
                             hint="营业执照请上传 JPG、PNG 图片或 PDF 文件。")
LICENCE_HINT = "营业执照须为 JPG、PNG 图片或 PDF 文件（按文件内容判断，与扩展名无关），不超过 5 MB。"
PROFILE_FIELDS = ("name", "credit_code", "nature", "industry", "region", "size", "address", "website",
                  "introduction", "contact_person", "phone", "email")


def clean_licence(upload):
    """(bytes, extension) of an acceptable licence file."""
    raw = read_limited(upload, LICENCE_MAX_BYTES, "营业执照文件")
    if not raw:
        raise ValidationError("上传的营业执照文件是空的。")
    if raw.startswith(b"%PDF-"):
        try:
            return clean_pdf(upload), "pdf"
        except ValidationError as exc:
            raise ValidationError("营业执照 PDF：" + "；".join(exc.messages))
    try:
        image = clean_image(upload, LICENCE_POLICY)
    except ValidationError as exc:
        if exc.code in ("not_image", "format"):
            raise ValidationError(LICENCE_HINT)
        raise
    return image.data, image.extension


class LicenceField(forms.FileField):
    def __init__(self, **kwargs):
        super().__init__(label="营业执照", help_text=LICENCE_HINT, widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,application/pdf"}), **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial or not hasattr(upload, "read"):
            return None
        return clean_licence(upload)


class EmployerProfileForm(BaseForm):
    """The profile fields of a unit (registration and 单位信息 edit); `region` is the one region type-ahead."""

    name = forms.CharField(label="单位名称", max_length=100, help_text="与营业执照上的名称一致。")
    credit_code = validators.CreditCodeField(label="统一社会信用代码", max_length=30, help_text="18 位，见营业执照。")
    nature = CodeChoiceField(queryset=Code.objects.none(), label="单位性质", empty_label="请选择")
    industry = CodeChoiceField(queryset=Code.objects.none(), label="单位行业", empty_label="请选择")
    region = RegionField(label="所在地区", active_only=True)
    size = forms.ChoiceField(label="单位规模", choices=[("", "请选择"), *Employer.Size.choices])
    address = forms.CharField(label="通讯地址", max_length=200)
    website = forms.URLField(label="单位网址", max_length=200, required=False, assume_scheme="https")
    introduction = forms.CharField(label="单位简介", max_length=5000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    contact_person = forms.CharField(label="联系人", max_length=50)
    phone = validators.PhoneField(label="联系电话", max_length=20,
                                  widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    email = validators.EmailField(label="电子邮箱", max_length=254,
                                  widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    licence = LicenceField(required=False)

    licence_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nature"].queryset = Code.objects.of("employer_nature").filter(is_active=True).order_by(
            "sort", "code")
        self.fields["industry"].queryset = Code.objects.of("industry").filter(is_active=True).order_by("sort", "code")
        self.fields["licence"].required = self.licence_required
        for name, field in self.fields.items():
            label = field.label
            field.error_messages.setdefault("required", f"请填写{label}。")
            field.error_messages["required"] = (f"请选择{label}。" if isinstance(field, (forms.ChoiceField,
                                                                                      forms.ModelChoiceField))
                                                else f"请填写{label}。")
            if isinstance(field, forms.ModelChoiceField):
                field.error_messages["invalid_choice"] = f"所选{label}不是现行代码表中的代码，请重新选择。"
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = f"{label}最多 {field.max_length} 个字。"
        self.fields["region"].error_messages["required"] = "请选择所在地区：输入地名后在查找结果中点选。"
        self.fields["licence"].error_messages["required"] = "请上传营业执照（JPG、PNG 图片或 PDF 文件）。"
        self.fields["website"].error_messages["invalid"] = "单位网址格式不正确，如 https://www.example.com。"


    def clean_name(self):
        name = " ".join(unicodedata.normalize("NFKC", self.cleaned_data["name"]).split())
        name = name.replace("(", "（").replace(")", "）")  # one spelling of brackets, as on licences
        if len(name) < 4:
            raise ValidationError("单位名称过短，请填写营业执照上的完整名称。")
        return name


    def model_values(self):
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.cleaned_data}


class RegistrationForm(EmployerProfileForm):
    licence_required = True
    password1 = forms.CharField(label="登录密码", strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validation.password_validators_help_text_html())
    password2 = forms.CharField(label="确认密码", strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = "登录账号为统一社会信用代码。密码至少 8 位，不能全是数字，也不能与单位信息太相似。"
        self.fields["password2"].error_messages["required"] = "请再次输入密码。"

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "两次输入的密码不一致。")
        elif first:
            probe = User(username=data.get("credit_code") or "", name=data.get("name") or "",
                         email=data.get("email") or "", kind=User.Kind.EMPLOYER)
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class EmployerEditForm(EmployerProfileForm):
    """单位信息 edit: initial values are the approved ones with any pending (待复审) edit on top."""

    @staticmethod
    def initial_of(employer):
        values = {name: getattr(employer, Employer._meta.get_field(name).attname) for name in PROFILE_FIELDS}
        values.update({k: v for k, v in (employer.pending_changes or {}).items() if k in PROFILE_FIELDS})
        return values
