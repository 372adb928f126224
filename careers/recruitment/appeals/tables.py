import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import AccountAppeal

STATUS_BADGES = {"pending": "text-bg-warning", "handled": "text-bg-success", "rejected": "text-bg-secondary"}


class AccountAppealTable(BaseTable):
    unit_name = tables.Column(linkify=("recruitment:accountappeal_detail", {"pk": tables.A("pk")}))
    credit_code = tables.Column()
    contact_person = tables.Column()
    phone = tables.Column()
    email = tables.Column()
    status = tables.Column()
    method = tables.Column()
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="申诉时间")
    handled_at = tables.DateTimeColumn(format="Y-m-d H:i")
    handled_by = tables.Column(accessor="handled_by__name", verbose_name="处理人")

    class Meta(BaseTable.Meta):
        model = AccountAppeal
        fields = ("pk", "unit_name", "credit_code", "contact_person", "phone", "email", "status", "method",
                  "created_at", "handled_at", "handled_by")
        exclude = ("pk",)  # no bulk actions: each appeal is handled on its own page
        default_columns = ("unit_name", "credit_code", "contact_person", "phone", "status", "method", "created_at",
                           "handled_at")

    def render_status(self, record):
        return format_html('<span class="badge {}">{}</span>', STATUS_BADGES.get(record.status, "text-bg-light"),
                           record.get_status_display())
