from django.core.exceptions import ValidationError

from careers.core.forms import BaseModelForm

from ..links import clean_link
from .models import SidebarLink


class SidebarLinkForm(BaseModelForm):
    class Meta:
        model = SidebarLink
        fields = ["title", "url", "audience", "topic", "icon", "ordering", "is_visible"]
        error_messages = {"title": {"required": "请填写链接名称。"}, "url": {"required": "请填写链接地址。"},
                          "ordering": {"invalid": "排序请填写整数。"}}

    def clean_url(self):
        return clean_link(self.cleaned_data.get("url"), "链接地址", required=True)

    def clean_icon(self):
        icon = (self.cleaned_data.get("icon") or "").strip()
        if icon and not all(ch.isalnum() or ch == "-" for ch in icon):
            raise ValidationError("图标名只能包含字母、数字和连字符，如 bi-briefcase。")
        return icon
