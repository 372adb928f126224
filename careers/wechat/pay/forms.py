"""微信商户设置: the keys are write-only (never shown again; left blank keeps the stored value) and checked by
loading them (the private key with cryptography), so a wrong paste is refused with the field named."""

import re

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
from django import forms
from django.core.exceptions import ValidationError

from careers.core.forms import BaseModelForm

from .models import MerchantSettings

MAX_PEM_BYTES = 16 * 1024
KEEP = "已保存，留空则保持不变。"


def load_private_key(text):
    """The RSA private key in `text` (PEM, PKCS#8 or PKCS#1; the bare base64 body is accepted too)."""
    text = (text or "").strip()
    if text and "-----BEGIN" not in text:
        text = "-----BEGIN PRIVATE KEY-----\n" + text + "\n-----END PRIVATE KEY-----"
    try:
        key = load_pem_private_key(text.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise ValidationError("商户API证书私钥无法读取：请上传或粘贴商户平台下载的 apiclient_key.pem（未加密的 PEM 私钥）。") from exc
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 2048:
        raise ValidationError("商户API证书私钥必须是 2048 位及以上的 RSA 私钥。")
    return text


class MerchantSettingsForm(BaseModelForm):
    api_v3_key = forms.CharField(label="APIv3密钥", required=False, strip=True,
                                 widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
                                 help_text="32 位，在微信商户平台“账户中心—API安全”中设置。")
    private_key = forms.CharField(label="商户API证书私钥（粘贴）", required=False,
                                  widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off",
                                                               "placeholder": "-----BEGIN PRIVATE KEY-----"}),
                                  help_text="apiclient_key.pem 的内容；也可以在下方上传该文件。")
    private_key_file = forms.FileField(label="商户API证书私钥（上传 .pem 文件）", required=False,
                                       widget=forms.ClearableFileInput(attrs={"accept": ".pem,.key,.txt"}))

    class Meta:
        model = MerchantSettings
        fields = ["mch_id", "api_v3_key", "cert_serial_no", "private_key", "private_key_file", "platform_public_key",
                  "platform_public_key_id", "enabled"]
        widgets = {"platform_public_key": forms.Textarea(attrs={"rows": 3, "placeholder": "-----BEGIN PUBLIC KEY-----"})}
        help_texts = {"mch_id": "微信支付开通邮件中的商户号（纯数字）。",
                      "cert_serial_no": "商户平台“API安全—管理证书”中显示的证书序列号。",
                      "platform_public_key": "选填：使用“微信支付公钥”验签时填写（同时填写公钥ID）；留空则自动下载平台证书。",
                      "enabled": "启用后，招聘会可选择“微信支付”收取参会费用。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored = {name: getattr(self.instance, name, "") for name in ("api_v3_key", "private_key")}
        self.initial["api_v3_key"] = self.initial["private_key"] = ""
        for name, field in (("api_v3_key", self.fields["api_v3_key"]), ("private_key", self.fields["private_key"])):
            if self.stored[name]:
                field.help_text = f"{KEEP}{field.help_text}"
                field.widget.attrs["placeholder"] = "●●●●●●●●（已保存）"

    def clean_mch_id(self):
        value = (self.cleaned_data.get("mch_id") or "").strip()
        if value and not re.fullmatch(r"\d{8,12}", value):
            raise ValidationError("商户号应为 8 到 12 位数字。")
        return value

    def clean_api_v3_key(self):
        value = self.cleaned_data.get("api_v3_key") or ""
        if not value:
            return self.stored["api_v3_key"]
        if len(value) != 32:
            raise ValidationError(f"APIv3密钥必须正好 32 个字符（当前 {len(value)} 个）。")
        if not re.fullmatch(r"[0-9A-Za-z]{32}", value):
            raise ValidationError("APIv3密钥只能包含数字和英文字母。")
        return value

    def clean_cert_serial_no(self):
        value = (self.cleaned_data.get("cert_serial_no") or "").strip().upper()
        if value and not re.fullmatch(r"[0-9A-F]{8,64}", value):
            raise ValidationError("商户API证书序列号应为十六进制字符（0-9、A-F）。")
        return value

    def clean_private_key_file(self):
        upload = self.cleaned_data.get("private_key_file")
        if not upload:
            return None
        if upload.size > MAX_PEM_BYTES:
            raise ValidationError("私钥文件过大：apiclient_key.pem 通常只有约 2 KB。")
        try:
            text = upload.read().decode("ascii")
        except UnicodeDecodeError as exc:
            raise ValidationError("私钥文件不是 PEM 文本文件。") from exc
        try:
            return load_private_key(text)
        except ValidationError as exc:
            raise ValidationError(exc.messages[0].replace("商户API证书私钥", "上传的私钥文件")) from exc

    def clean_private_key(self):
        value = (self.cleaned_data.get("private_key") or "").strip()
        return load_private_key(value) if value else ""

    def clean_platform_public_key(self):
        value = (self.cleaned_data.get("platform_public_key") or "").strip()
        if value:
            text = value if "-----BEGIN" in value else f"-----BEGIN PUBLIC KEY-----\n{value}\n-----END PUBLIC KEY-----"
            try:
                load_pem_public_key(text.encode())
            except (ValueError, TypeError) as exc:
                raise ValidationError("微信支付公钥无法读取：请粘贴商户平台下载的 pub_key.pem 内容。") from exc
            value = text
        return value

    def clean(self):
        data = super().clean()
        key = data.get("private_key_file") or data.get("private_key") or self.stored["private_key"]
        data["private_key"] = key
        if bool(data.get("platform_public_key")) != bool((data.get("platform_public_key_id") or "").strip()):
            self.add_error("platform_public_key_id" if data.get("platform_public_key") else "platform_public_key",
                           "微信支付公钥和公钥ID需同时填写（或同时留空，改用平台证书）。")
        if data.get("enabled"):
            lacking = [label for name, label in (("mch_id", "商户号"), ("api_v3_key", "APIv3密钥"),
                                                 ("cert_serial_no", "商户API证书序列号"), ("private_key", "商户API证书私钥"))
                       if not data.get(name) and name not in self.errors]
            if lacking:
                raise ValidationError(f"启用微信支付前请填写{'、'.join(lacking)}。")
        return data

    def save(self, commit=True):
        obj = super().save(commit=False)
        obj.api_v3_key = self.cleaned_data["api_v3_key"]
        obj.private_key = self.cleaned_data["private_key"]
        if commit:
            obj.save()
        return obj
