"""微信接入设置's form: AppSecret is write-only (never rendered; blank keeps the stored one)."""

import re

from django import forms
from django.core.exceptions import ValidationError

from careers.core.forms import BaseModelForm

from .models import MessageMode, WechatAccount

APP_ID = re.compile(r"^wx[0-9A-Za-z]{14,30}$")
ORIGINAL_ID = re.compile(r"^gh_[0-9A-Za-z]{6,30}$")
APP_SECRET = re.compile(r"^[0-9A-Za-z]{16,64}$")
VERIFY_NAME = re.compile(r"^MP_verify_[0-9A-Za-z]{1,64}\.txt$")
VERIFY_CONTENT = re.compile(r"^[0-9A-Za-z]{1,200}$")
VERIFY_MAX_BYTES = 1024


class WechatAccountForm(BaseModelForm):
    new_app_secret = forms.CharField(
        label="AppSecret", required=False, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="在微信公众平台“设置与开发 → 基本配置”中获取；加密保存，不再显示。留空表示保持原值。")

    class Meta:
        model = WechatAccount
        fields = ["name", "original_id", "app_id", "new_app_secret", "message_mode", "enabled", "email_by_default"]
        help_texts = {
            "original_id": "以 gh_ 开头，见公众平台“设置与开发 → 公众号设置 → 注册信息”",
            "app_id": "以 wx 开头的开发者 ID",
            "message_mode": "须与公众平台“服务器配置”中选择的方式一致；推荐安全模式",
            "email_by_default": "开启后，向少于 5 人发送消息时可同时发送邮件",
        }
        error_messages = {"name": {"required": "请填写公众号名称。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        if self.instance.app_secret:
            self.fields["new_app_secret"].widget.attrs["placeholder"] = "已设置（••••••••），留空保持不变"

    def clean_original_id(self):
        value = (self.cleaned_data.get("original_id") or "").strip()
        if value and not ORIGINAL_ID.match(value):
            raise ValidationError("原始ID应以 gh_ 开头，后跟字母或数字，如 gh_0123456789ab。")
        return value

    def clean_app_id(self):
        value = (self.cleaned_data.get("app_id") or "").strip()
        if value and not APP_ID.match(value):
            raise ValidationError("AppID 应以 wx 开头，后跟 14–30 位字母或数字。")
        return value

    def clean_new_app_secret(self):
        value = self.cleaned_data.get("new_app_secret") or ""
        if value and not APP_SECRET.match(value):
            raise ValidationError("AppSecret 应为 16–64 位字母或数字，请从公众平台复制完整的值。")
        return value

    def clean(self):
        data = super().clean()
        if data.get("enabled"):
            missing = [label for label, ok in (("AppID", data.get("app_id")),
                                               ("AppSecret", data.get("new_app_secret") or self.instance.app_secret))
                       if not ok]
            if missing:
                self.add_error("enabled", f"启用微信服务号前请先填写{'和'.join(missing)}。")
            elif not self.instance.token:
                self.add_error("enabled", "启用微信服务号前请先点击“生成配置信息”，并把配置填入公众平台。")
            elif data.get("message_mode") != MessageMode.PLAIN and len(self.instance.encoding_aes_key) != 43:
                self.add_error("message_mode", "兼容模式和安全模式需要 EncodingAESKey，请先点击“生成配置信息”。")
        return data


class VerifyFileForm(forms.Form):
    verify_file = forms.FileField(label="业务域名校验文件", help_text="公众平台下载的 MP_verify_xxx.txt，不超过 1 KB")

    def clean_verify_file(self):
        upload = self.cleaned_data["verify_file"]
        name = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
        if not VERIFY_NAME.match(name):
            raise ValidationError("校验文件名应为 MP_verify_ 加字母或数字、以 .txt 结尾，如 MP_verify_AbC123.txt。")
        if upload.size > VERIFY_MAX_BYTES:
            raise ValidationError(f"校验文件大小为 {upload.size} 字节，超过了 1 KB 的上限。")
        raw = upload.read(VERIFY_MAX_BYTES + 1)
        try:
            content = raw.decode("ascii").strip()
        except UnicodeDecodeError:
            raise ValidationError("校验文件应为纯文本（字母和数字），该文件不是公众平台下载的校验文件。") from None
        if not VERIFY_CONTENT.match(content):
            raise ValidationError("校验文件应只包含字母和数字（不超过 200 个字符），该文件不是公众平台下载的校验文件。")
        return name, content
