import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import Adviser, Topic


class TopicFilterSet(BaseFilterSet):
    search_fields = ("name", "description")
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = Topic
        fields = ["q", "is_active"]


class AdviserFilterSet(BaseFilterSet):
    search_fields = ("user__name", "user__username", "title", "location")
    is_active = django_filters.BooleanFilter(label="启用")
    topic = django_filters.ModelChoiceFilter(label="擅长主题", field_name="topics", queryset=Topic.objects.all())

    class Meta:
        model = Adviser
        fields = ["q", "topic", "is_active"]
