import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import Code, CodeTable


class CodeTableFilterSet(BaseFilterSet):
    search_fields = ("name", "kind")
    is_current = django_filters.BooleanFilter(label="当前版本")

    class Meta:
        model = CodeTable
        fields = ["q", "is_current"]


class CodeFilterSet(BaseFilterSet):
    search_fields = ("code", "name")
    table = django_filters.ModelChoiceFilter(label="代码表", queryset=CodeTable.objects.filter(is_current=True))
    parent__code = django_filters.CharFilter(label="上级代码")
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = Code
        fields = ["q", "table", "parent__code", "is_active"]
