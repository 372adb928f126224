import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from careers.core.forms import BaseModelForm
from careers.core.richtext import sanitize_html
from careers.core.uploads import LOGO, clean_image

from .models import InfoBlock, SiteSettings

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def clean_colour(value, label):
    value = (value or "").strip()
    if not COLOUR.match(value):
        raise ValidationError(f"{label}请填写 # 加 6 位十六进制数字的颜色值，如 #0d4a8f。")
    return value.lower()


class SiteSettingsForm(BaseModelForm):
    logo = forms.FileField(label="网站标志", required=False,
                           help_text="JPG、PNG 或 WEBP 格式，不超过 2 MB；保存时重新编码并缩放到 800 像素以内。",
                           widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    class Meta:
        model = SiteSettings
        fields = ["site_name", "short_name", "school_name", "logo", "primary_color", "accent_color", "description",
                  "contact_address", "contact_phone", "contact_email", "office_hours", "footer_text", "icp_number",
                  "police_number"]
        widgets = {"footer_text": forms.Textarea(attrs={"rows": 3}),
                   "primary_color": forms.TextInput(attrs={"type": "color"}),
                   "accent_color": forms.TextInput(attrs={"type": "color"})}
        error_messages = {"site_name": {"required": "请填写网站名称。"},
                          "contact_email": {"invalid": "联系邮箱格式不正确。"}}

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if isinstance(upload, UploadedFile):
            image = clean_image(upload, LOGO)
            return ContentFile(image.data, name=f"{uuid.uuid4().hex}.{image.extension}")
        return upload

    def clean_primary_color(self):
        return clean_colour(self.cleaned_data.get("primary_color"), "主色")

    def clean_accent_color(self):
        return clean_colour(self.cleaned_data.get("accent_color"), "辅色")


class InfoBlockForm(BaseModelForm):
    class Meta:
        model = InfoBlock
        fields = ["code", "title", "body", "is_visible"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10, "data-editor": "rich"})}
        help_texts = {"code": "页面引用的代码，只能使用字母、数字、下划线和连字符，如 about、contact",
                      "body": "可直接粘贴排版好的内容；脚本、事件属性等不安全的内容会在保存时被移除"}
        error_messages = {"code": {"required": "请填写信息代码。",
                                   "invalid": "信息代码只能包含字母、数字、下划线和连字符，如 about。"},
                          "title": {"required": "请填写标题。"}}

    def clean_body(self):
        return sanitize_html(self.cleaned_data.get("body"))
