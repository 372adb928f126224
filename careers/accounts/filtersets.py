import django_filters

from careers.core.filtersets import BaseFilterSet

from .models import RoleTemplate, User


class UserFilterSet(BaseFilterSet):
    search_fields = ("username", "name", "phone", "email", "office")
    kind = django_filters.ChoiceFilter(label="账号类型", choices=[
        (k, label) for k, label in User.Kind.choices if k in User.BACKOFFICE_KINDS])
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = User
        fields = ["q", "kind", "is_active"]


class RoleTemplateFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = RoleTemplate
        fields = ["q"]
