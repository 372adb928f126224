import django_filters
from django.db.models import Q

from careers.core.filtersets import BaseFilterSet

from ..models import Fair, Order, OrderStatus

PROOF_CHOICES = (("waiting", "已上传待确认"), ("none", "未上传"), ("rejected", "已退回"))


def proofs_to_confirm(queryset):
    """Unpaid orders whose transfer proof was uploaded and not sent back: the school confirms the payment
    (the 转账凭证 "已上传待确认" filter and 待办事项's 待确认的缴费)."""
    return queryset.filter(~Q(proof=""), proof_note="", status=OrderStatus.UNPAID)


class OrderFilterSet(BaseFilterSet):
    search_fields = ("number", "transaction_id", "participation__employer__name")
    status = django_filters.ChoiceFilter(label="支付状态", choices=OrderStatus.choices)
    fair = django_filters.ModelChoiceFilter(label="招聘会", field_name="participation__fair",
                                            queryset=Fair.objects.only("title").order_by("-starts_at"))
    method = django_filters.ChoiceFilter(label="支付方式", choices=(("offline", "线下转账"), ("wechat", "微信支付")))
    proof = django_filters.ChoiceFilter(label="转账凭证", choices=PROOF_CHOICES, method="filter_proof")
    created_from = django_filters.DateFilter(label="下单日期起", field_name="created_at", lookup_expr="date__gte")
    created_to = django_filters.DateFilter(label="下单日期止", field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Order
        fields = ["q", "status", "fair", "method", "proof", "created_from", "created_to"]

    def filter_proof(self, queryset, name, value):
        has_proof = ~Q(proof="")
        if value == "waiting":
            return proofs_to_confirm(queryset)
        if value == "rejected":
            return queryset.filter(has_proof, ~Q(proof_note=""))
        return queryset.filter(proof="")
