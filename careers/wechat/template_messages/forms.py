"""消息模板设置's edit form: the template id, 启用, and the field mapping as one `字段 = 内容` line per field."""

import re

from django import forms
from django.core.exceptions import ValidationError

from careers.core.forms import BaseModelForm

from . import kinds
from .models import TemplateSetting
from .render import PLACEHOLDER, field_key

FIELD_NAME = re.compile(r"^[a-z_]+[0-9]*(\.DATA)?$")
TEMPLATE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_FIELDS = 20
MAX_TEXT = 200


def mapping_text(fields):
    return "\n".join(f"{name} = {value}" for name, value in (fields or {}).items())


def parse_mapping(text):
    """`keyword1 = {subject}` lines → {"keyword1": "{subject}"}; ValidationError naming the line and why."""
    fields, errors = {}, []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if "=" not in line:
            errors.append(f"第 {number} 行“{line[:30]}”缺少“=”：请按“字段名 = 内容”填写，例如 keyword1 = {{subject}}。")
            continue
        name, value = (part.strip() for part in line.split("=", 1))
        if not FIELD_NAME.match(name):
            errors.append(f"第 {number} 行的字段名“{name[:30]}”不正确：微信模板字段名由小写字母、下划线和末尾的数字组成，"
                          "如 first、keyword1、thing2、time3（可带 .DATA）。")
            continue
        key = field_key(name)
        if key in fields:
            errors.append(f"第 {number} 行的字段“{key}”重复。")
            continue
        unknown = sorted({m.group(1) for m in PLACEHOLDER.finditer(value)} - set(kinds.PLACEHOLDERS))
        if unknown:
            known = "、".join(f"{{{p}}}" for p in kinds.PLACEHOLDERS)
            errors.append(f"字段“{key}”中的占位符 {'、'.join('{' + p + '}' for p in unknown)} 无法识别，可用的占位符：{known}。")
            continue
        if len(value) > MAX_TEXT:
            errors.append(f"字段“{key}”的内容超过 {MAX_TEXT} 个字。")
            continue
        fields[key] = value
    if errors:
        raise ValidationError(errors)
    if not fields:
        raise ValidationError("请至少填写一个模板字段，例如 first = {subject}。")
    if len(fields) > MAX_FIELDS:
        raise ValidationError(f"模板字段最多 {MAX_FIELDS} 个。")
    return fields


class TemplateSettingForm(BaseModelForm):
    mapping = forms.CharField(
        label="模板字段", widget=forms.Textarea(attrs={"rows": 8, "class": "font-monospace"}),
        help_text="每行一个字段：“字段名 = 内容”。字段名照微信模板详情中的写法（如 first、keyword1、thing2），"
                  "内容可用占位符 " + "、".join(f"{{{k}}}（{v}）" for k, v in kinds.PLACEHOLDERS.items()) + "。",
        error_messages={"required": "请填写模板字段。"})

    class Meta:
        model = TemplateSetting
        fields = ["template_id", "enabled"]
        help_texts = {"template_id": "在微信公众平台“模板消息”—“我的模板”中复制的模板ID。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        default = kinds.KINDS.get(instance.kind, kinds.KINDS[kinds.GENERAL]).fields
        self.fields["mapping"].initial = mapping_text(instance.fields or default)

    def clean_template_id(self):
        value = (self.cleaned_data.get("template_id") or "").strip()
        if value and not TEMPLATE_ID.match(value):
            raise ValidationError("模板ID只能包含字母、数字、下划线和短横线（最多 64 个字符），请从微信公众平台原样复制。")
        return value

    def clean_mapping(self):
        return parse_mapping(self.cleaned_data.get("mapping"))

    def clean(self):
        data = super().clean()
        if data.get("enabled") and not data.get("template_id") and not self.errors:
            self.add_error("template_id", "启用模板消息时必须填写模板ID。")
        return data
