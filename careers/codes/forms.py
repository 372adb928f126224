from careers.core.forms import BaseModelForm

from .models import Code, CodeTable


class CodeForm(BaseModelForm):
    class Meta:
        model = Code
        fields = ["table", "code", "name", "parent", "level", "sort", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Code.objects.none()
        table_id = self.data.get("table") or getattr(self.instance, "table_id", None)
        if table_id:
            self.fields["parent"].queryset = Code.objects.filter(table_id=table_id)
        self.fields["parent"].help_text = "输入上级代码所在代码表的代码（可留空）。"


class CodeTableForm(BaseModelForm):
    class Meta:
        model = CodeTable
        fields = ["name", "is_current", "source"]
