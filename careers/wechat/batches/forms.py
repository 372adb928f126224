"""The 批量消息 form: whom (毕业年份 / 学院 / 专业 / 常用查询, every dropdown in the admin's scope), what, and how."""

from django import forms

from careers.core.forms import BaseModelForm
from careers.core.messaging import validate_link
from .actions import CHANNELS, DEFAULT_CHANNELS, saved_queries
from .models import BatchSend


def year_choices():
    from careers.students.models import Student

    years = Student.objects.order_by("-graduation_year").values_list("graduation_year", flat=True).distinct()[:15]
    return [("", "全部")] + [(year, f"{year} 届") for year in years]


class BatchForm(BaseModelForm):
    graduation_year = forms.TypedChoiceField(label="毕业年份", required=False, coerce=int, empty_value=None)
    saved_query = forms.TypedChoiceField(label="常用查询", required=False, coerce=int, empty_value=None,
                                         help_text="可选：再按“生源信息”列表中保存的常用查询筛选")
    channels = forms.MultipleChoiceField(label="发送渠道", choices=CHANNELS, widget=forms.CheckboxSelectMultiple,
                                         initial=DEFAULT_CHANNELS,
                                         help_text="批量消息不提供电子邮件渠道；未绑定微信的学生记为“无法发送”。")

    class Meta:
        model = BatchSend
        fields = ["graduation_year", "college", "major", "saved_query", "title", "body", "link", "channels"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"link": "可选：本站内的地址，以 / 开头，例如 /jobs/", "major": "管辖部分专业的管理员须选择专业"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["graduation_year"].choices = year_choices()
        self.fields["college"].empty_label = "全部学院"
        self.fields["major"].empty_label = "全部专业"
        self.fields["major"].queryset = self.fields["major"].queryset.select_related("college", "education_level")
        self.queries = {q.pk: q for q in saved_queries(user)}
        self.fields["saved_query"].choices = [("", "不使用")] + [(pk, q.name) for pk, q in self.queries.items()]
        current = (self.instance.query or {}).get("saved_query")
        if current in self.queries:
            self.initial.setdefault("saved_query", current)
        if self.instance.pk:
            self.initial.setdefault("channels", self.instance.channels or DEFAULT_CHANNELS)

    def clean_link(self):
        link = (self.cleaned_data.get("link") or "").strip()
        validate_link(link)
        return link

    def clean_saved_query(self):
        value = self.cleaned_data.get("saved_query")
        if value and value not in self.queries:
            raise forms.ValidationError("常用查询：所选查询不存在或不是您保存的。")
        return value

    def selected_query(self):
        value = self.cleaned_data.get("saved_query")
        return self.queries.get(value) if value else None

