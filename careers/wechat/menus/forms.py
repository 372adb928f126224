from django import forms

from careers.core.forms import BaseModelForm

from .models import MenuItem, MenuKind


class MenuItemForm(BaseModelForm):
    class Meta:
        model = MenuItem
        fields = ["parent", "name", "kind", "url", "key"]
        error_messages = {"name": {"required": "请填写菜单名称。", "max_length": "菜单名称最多 20 个字。"}}
        help_texts = {
            "parent": "不选为一级菜单（最多 3 个）；选择一个一级菜单则作为它的二级菜单（每个最多 5 个）。",
            "name": "一级菜单不超过 16 个字节（5 个汉字或 16 个字母），二级菜单不超过 60 个字节。",
            "url": "菜单类型为“打开网页”时填写：站内地址（以 / 开头，如 /jobs/，发布时自动加上本站网址）"
                   "或以 http:// 、https:// 开头的完整网址。",
            "key": "菜单类型为“点击推送消息”时填写：与某条关键字回复的关键字相同，点击后即推送该回复。",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tops = MenuItem.objects.filter(parent__isnull=True).order_by("position", "pk")
        if self.instance.pk:
            tops = tops.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = tops
        self.fields["parent"].empty_label = "（无，作为一级菜单）"
        self.fields["kind"].help_text = "一级菜单有二级菜单时请选择“子菜单”。"

    def clean(self):
        data = super().clean()
        if data.get("parent") is not None and data.get("kind") == MenuKind.PARENT:
            self.add_error("kind", "二级菜单不能再有子菜单（微信菜单只有两级），请选择“打开网页”或“点击推送消息”。")
        return data


class DirectionForm(forms.Form):
    direction = forms.ChoiceField(choices=(("up", "上移"), ("down", "下移")))
