"""网站菜单 新增/修改: a college admin picks one of their colleges (school columns are not theirs)."""

from careers.core.forms import BaseModelForm
from careers.core.scoping import sees_all_majors

from .models import Category


class CategoryForm(BaseModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "kind", "parent", "college", "ordering", "is_visible", "in_nav", "description"]
        error_messages = {"name": {"required": "请填写菜单名称。"},
                          "slug": {"required": "请填写菜单代码（英文字母、数字或连字符）。",
                                   "invalid": "菜单代码只能包含英文字母、数字、连字符和下划线。"},
                          "kind": {"required": "请选择菜单分类。"}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        parent = self.fields["parent"]
        parent.empty_label = "（无：一级菜单）"
        if self.instance.pk:  # not itself (descendants are refused with a message by the action)
            parent.queryset = parent.queryset.exclude(pk=self.instance.pk)
        college = self.fields["college"]
        if user is not None and not sees_all_majors(user):
            college.required = True
            college.empty_label = None
            college.error_messages["required"] = "请选择所属学院。"
        else:
            college.empty_label = "（学校栏目）"
