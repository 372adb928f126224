"""Tables of the 协议书管理 lists."""

import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import AgreementApplication, AgreementNumber, OnlineAgreement

STATUS_STYLES = {"pending": "text-bg-warning", "approved": "text-bg-info", "printed": "text-bg-success",
                 "rejected": "text-bg-danger", "reset": "text-bg-secondary", "withdrawn": "text-bg-light"}


class AgreementApplicationTable(BaseTable):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号",
                                   linkify=("employment:agreementapplication_detail", {"pk": tables.A("pk")}))
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    graduation_year = tables.Column(accessor="student__graduation_year", verbose_name="毕业年份")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    kind = tables.Column()
    status = tables.Column()
    number = tables.Column(accessor="number__number", verbose_name="协议书编号")
    batch_label = tables.Column()
    submitted_at = tables.DateTimeColumn(format="Y-m-d H:i")
    reviewed_at = tables.DateTimeColumn(format="Y-m-d H:i")
    printed_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta(BaseTable.Meta):
        model = AgreementApplication
        fields = ("pk", "student_number", "name", "graduation_year", "college", "major", "kind", "status", "number",
                  "batch_label", "submitted_at", "reviewed_at", "printed_at")
        default_columns = ("student_number", "name", "college", "major", "kind", "status", "number", "batch_label",
                           "submitted_at")
        order_by = ("-submitted_at",)

    def render_status(self, record, value):
        return format_html('<span class="badge {}">{}</span>', STATUS_STYLES.get(record.status, ""), value)


class AgreementNumberTable(BaseTable):
    number = tables.Column()
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    status = tables.Column()
    source = tables.Column()
    batch_label = tables.Column()
    application = tables.Column(accessor="application__pk", verbose_name="协议书申请",
                                linkify=("employment:agreementapplication_detail", {"pk": tables.A("application_id")}))
    issued_at = tables.DateTimeColumn(format="Y-m-d H:i")
    voided_at = tables.DateTimeColumn(format="Y-m-d H:i")
    void_reason = tables.Column()

    class Meta(BaseTable.Meta):
        model = AgreementNumber
        fields = ("pk", "number", "student_number", "name", "college", "status", "source", "batch_label",
                  "application", "issued_at", "voided_at", "void_reason")
        order_by = ("-issued_at",)

    def render_application(self, record, value):
        return "查看申请"


SIGNING_STYLES = {"draft": "text-bg-light", "employer": "text-bg-warning", "returned": "text-bg-secondary",
                  "school": "text-bg-info", "signed": "text-bg-success", "rejected": "text-bg-danger",
                  "cancelled": "text-bg-light"}


class OnlineAgreementTable(BaseTable):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号",
                                   linkify=("employment:onlineagreement_detail", {"pk": tables.A("pk")}))
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    employer = tables.Column(accessor="employer__name", verbose_name="用人单位")
    job_title = tables.Column()
    status = tables.Column()
    number = tables.Column(accessor="number__number", verbose_name="协议书编号")
    submitted_at = tables.DateTimeColumn(format="Y-m-d H:i")
    employer_confirmed_at = tables.DateTimeColumn(format="Y-m-d H:i")
    approved_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta(BaseTable.Meta):
        model = OnlineAgreement
        fields = ("pk", "student_number", "name", "college", "major", "employer", "job_title", "status", "number",
                  "submitted_at", "employer_confirmed_at", "approved_at")
        order_by = ("-submitted_at",)

    def render_status(self, record, value):
        return format_html('<span class="badge {}">{}</span>', SIGNING_STYLES.get(record.status, ""), value)
