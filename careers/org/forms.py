from django import forms

from careers.codes.models import Code
from careers.core.forms import BaseForm, BaseModelForm
from careers.core.text import normalize_spaces

from .models import Campus, College, Department, Major


class MajorForm(BaseModelForm):
    class Meta:
        model = Major
        fields = ["education_level", "name", "major_code", "duration", "discipline", "campus", "college",
                  "department", "specialization", "is_active", "sort"]
        help_texts = {
            "name": "与学生数据导入时的专业名称必须完全一致；前后及中间多余的空格会自动去除。",
            "major_code": "可点击“查询专业代码”，按学历和两个字以上关键字从国家专业目录中查找。",
        }

    def clean(self):
        data = super().clean()
        for name in ("name", "specialization", "major_code"):
            if data.get(name) is not None:
                data[name] = normalize_spaces(data[name])
        return data


class MajorBulkEditForm(BaseForm):
    duration = forms.ModelChoiceField(Code.objects.of("duration"), label="学制", required=False)
    discipline = forms.ModelChoiceField(Code.objects.of("discipline"), label="专业类别", required=False)
    campus = forms.ModelChoiceField(Campus.objects.all(), label="校区", required=False)
    is_active = forms.NullBooleanField(label="启用", required=False,
                                       widget=forms.Select(choices=[("", "不修改"), ("true", "启用"), ("false", "停用")]))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class CollegeForm(BaseModelForm):
    class Meta:
        model = College
        fields = ["name", "code", "sort"]


class DepartmentForm(BaseModelForm):
    class Meta:
        model = Department
        fields = ["college", "name"]


class CampusForm(BaseModelForm):
    class Meta:
        model = Campus
        fields = ["name", "code", "sort"]
