import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import Order

BADGES = {"unpaid": "warning", "paid": "success", "refunded": "secondary", "closed": "light"}


class OrderTable(BaseTable):
    number = tables.Column(linkify=("events:order_detail", {"pk": tables.A("pk")}))
    employer = tables.Column(accessor="participation__employer__name", verbose_name="用人单位")
    fair = tables.Column(accessor="participation__fair__title", verbose_name="招聘会")
    amount = tables.Column(accessor="amount_fen", verbose_name="金额（元）")
    method = tables.Column(verbose_name="支付方式")
    status = tables.Column()
    proof = tables.Column(accessor="proof_uploaded_at", verbose_name="转账凭证", orderable=False)
    transaction_id = tables.Column()
    paid_at = tables.DateTimeColumn(format="Y-m-d H:i")
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="下单时间")
    refund_reason = tables.Column()

    class Meta(BaseTable.Meta):
        model = Order
        fields = ("pk", "number", "employer", "fair", "amount", "method", "status", "proof", "transaction_id",
                  "paid_at", "created_at", "refund_reason")
        default_columns = ("number", "employer", "fair", "amount", "method", "status", "proof", "paid_at",
                           "created_at")

    def render_amount(self, record):
        return record.amount_yuan

    def value_amount(self, record):
        return record.amount_yuan

    def render_method(self, value):
        from .providers import provider_choices

        return dict(provider_choices()).get(value, value)

    value_method = render_method

    def render_status(self, record):
        return format_html('<span class="badge text-bg-{}">{}</span>', BADGES[record.status],
                           record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()

    def render_proof(self, record):
        if not record.proof:
            return "未上传"
        if record.proof_note:
            return format_html('<span class="text-danger">已退回</span>')
        return format_html('<span class="text-success">已上传</span> {}', f"{record.proof_uploaded_at:%m-%d %H:%M}")

    def value_proof(self, record):
        if not record.proof:
            return "未上传"
        return "已退回" if record.proof_note else "已上传"
