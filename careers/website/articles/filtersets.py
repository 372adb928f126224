import django_filters
from django.forms import DateInput
from django.utils import timezone

from careers.core.filtersets import BaseFilterSet

from ..categories.models import Category
from .models import Article, ArticleStatus

DATE = DateInput(attrs={"type": "date"})
STATES = (("draft", "草稿"), ("published", "已发布"), ("scheduled", "定时发布"))


class ArticleFilterSet(BaseFilterSet):
    search_fields = ("title",)
    category = django_filters.ModelChoiceFilter(label="栏目", queryset=Category.objects.all())
    state = django_filters.ChoiceFilter(label="状态", choices=STATES, method="filter_state")
    is_visible = django_filters.BooleanFilter(label="显示")
    published_from = django_filters.DateFilter(label="发布时间起", field_name="published_at", lookup_expr="date__gte",
                                               widget=DATE)
    published_to = django_filters.DateFilter(label="发布时间止", field_name="published_at", lookup_expr="date__lte",
                                             widget=DATE)
    department = django_filters.CharFilter(label="发布部门", lookup_expr="icontains")

    class Meta:
        model = Article
        fields = ["q", "category", "state", "is_visible", "published_from", "published_to", "department"]

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kind is not None:
            field = self.filters["category"]
            field.queryset = field.queryset.filter(kind=kind)
            self.form.fields["category"].queryset = field.queryset

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == "draft":
            return queryset.filter(status=ArticleStatus.DRAFT)
        if value == "scheduled":
            return queryset.filter(status=ArticleStatus.PUBLISHED, published_at__gt=now)
        return queryset.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now)
