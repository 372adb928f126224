import django_filters

from careers.accounts.models import User
from careers.core.filtersets import BaseFilterSet

from .models import BindingSource, WechatBinding


class WechatBindingFilterSet(BaseFilterSet):
    search_fields = ("user__username", "user__name")
    kind = django_filters.ChoiceFilter(label="账号类型", field_name="user__kind", choices=User.Kind.choices)
    source = django_filters.ChoiceFilter(label="绑定方式", choices=BindingSource.choices)
    subscribed = django_filters.BooleanFilter(label="已关注服务号")

    class Meta:
        model = WechatBinding
        fields = ["q", "kind", "source", "subscribed"]
