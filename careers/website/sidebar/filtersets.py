import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import SidebarAudience, SidebarLink


class SidebarLinkFilterSet(BaseFilterSet):
    search_fields = ("title", "url")
    audience = django_filters.ChoiceFilter(label="按角色", choices=SidebarAudience.choices)
    topic = django_filters.CharFilter(label="事务分类", lookup_expr="exact")
    is_visible = django_filters.BooleanFilter(label="显示")

    class Meta:
        model = SidebarLink
        fields = ["q", "audience", "topic", "is_visible"]
