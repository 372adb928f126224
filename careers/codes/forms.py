from careers.core.forms import BaseModelForm

from .models import Code, CodeTable


class CodeForm(BaseModelForm):
    class Meta:
        model = Code
        fields = ["table", "code", "name", "parent", "level", "sort", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Code.objects.none()
        self.table_id = self.data.get("table") or getattr(self.instance, "table_id", None)
        if self.table_id:
            self.fields["parent"].queryset = Code.objects.filter(table_id=self.table_id)
        self.fields["parent"].help_text = "输入上级代码所在代码表的代码（可留空）。"

    def typeahead_context(self):
        """上级's codes are those of the code's table (3,351 regions): a type-ahead rebuilt for that table."""
        return {"table": str(self.table_id or "")}

    @classmethod
    def from_typeahead(cls, user, context):
        return cls(user=user, instance=Code(table_id=context["table"] or None))


class CodeTableForm(BaseModelForm):
    class Meta:
        model = CodeTable
        fields = ["name", "is_current", "source"]
