"""参会单位 list with the 确认状态 indicators of manual 4.6.2, and the per-fair job list."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from careers.core.tables import BaseTable

from .models import ParticipantJob, Participation, ParticipationStatus

STATUS_STYLES = {ParticipationStatus.PENDING: "text-bg-warning", ParticipationStatus.CONFIRMED: "text-bg-success",
                 ParticipationStatus.REJECTED: "text-bg-danger", ParticipationStatus.WITHDRAWN: "text-bg-secondary"}
PK_MARK = 987654321  # stands for the row's pk in URLs reversed once per table


def status_badge(participation):
    return format_html('<span class="badge {}">{}</span>', STATUS_STYLES[participation.status],
                       participation.get_status_display())


def indicator(done, icon, label_done, label_not, key):
    """A green icon when done, a grey one when not (manual 4.6.2: 绿色表示已上传，灰色表示未上传)."""
    return format_html('<i class="bi {} {}" title="{}" aria-label="{}" data-indicator="{}" data-on="{}"></i>',
                       icon, "text-success" if done else "text-secondary opacity-50",
                       label_done if done else label_not, label_done if done else label_not, key, int(bool(done)))


def indicators(participation):
    return format_html_join(" ", "{}", [
        (indicator(participation.receipt_file, "bi-file-earmark-check-fill", "已上传回执图片", "未上传回执图片",
                   "receipt"),),
        (indicator(participation.brochure, "bi-file-earmark-richtext-fill", "已上传招聘简章附件", "未上传招聘简章附件",
                   "brochure"),),
        (indicator(getattr(participation, "is_paid", False), "bi-currency-yen", "已缴费（或无需缴费）", "未缴费",
                   "paid"),),
    ])


def booth_codes(participation):
    return "、".join(b.code for b in participation.booths.all())


class ParticipationTable(BaseTable):
    employer = tables.Column(accessor="employer__name", verbose_name="参会单位",
                             linkify=("events:participation_detail", {"pk": tables.A("pk")}))
    fair = tables.Column(accessor="fair__title", verbose_name="招聘会")
    booths_requested = tables.Column(verbose_name="展位数")
    booths = tables.Column(empty_values=(), orderable=False, verbose_name="展位号")
    attendees = tables.Column(empty_values=(), orderable=False, verbose_name="参会人数")
    jobs_count = tables.Column(verbose_name="职位数")
    status = tables.Column(verbose_name="确认状态")
    amount_due = tables.Column(verbose_name="应缴费用（元）")
    checked_in_at = tables.DateTimeColumn(format="m-d H:i", verbose_name="单位签到", default="未签到")
    contact_person = tables.Column()
    contact_phone = tables.Column()
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="申请时间")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    class Meta(BaseTable.Meta):
        model = Participation
        fields = ("pk", "employer", "fair", "booths_requested", "booths", "attendees", "jobs_count", "status",
                  "amount_due", "checked_in_at", "contact_person", "contact_phone", "created_at", "actions")
        default_columns = ("employer", "booths_requested", "booths", "attendees", "jobs_count", "status",
                           "amount_due", "checked_in_at", "actions")
        order_by = ("-created_at",)

    @cached_property
    def urls(self):
        return {name: reverse(f"events:participation_{name}", kwargs={"pk": PK_MARK})
                for name in ("detail", "settings")} | {"jobs": reverse("events:fair_job_list")}

    def url(self, name, record):
        return self.urls[name].replace(str(PK_MARK), str(record.pk))

    def render_booths(self, record):
        return booth_codes(record) or format_html('<span class="text-muted">未分配</span>')

    def value_booths(self, record):
        return booth_codes(record)

    def render_attendees(self, record):
        return len(record.attendees or ())

    def value_attendees(self, record):
        return len(record.attendees or ())

    def render_jobs_count(self, record, value):
        return format_html('<a href="{}?fair={}&amp;participation={}" data-jobs-link>{}</a>', self.urls["jobs"],
                           record.fair_id, record.pk, value)

    def render_status(self, record):
        return format_html("{} {}", status_badge(record), indicators(record))

    def value_status(self, record):
        return record.get_status_display()

    def render_actions(self, record):
        return format_html('<a class="btn btn-link btn-sm p-0 me-2" href="{}">详情</a>'
                           '<a class="btn btn-link btn-sm p-0" href="{}" data-settings>参会设置</a>',
                           self.url("detail", record), self.url("settings", record))


class ParticipantJobTable(BaseTable):
    title = tables.Column(accessor="job__title", verbose_name="职位名称",
                          linkify=("recruitment:job_detail", {"pk": tables.A("job_id")}))
    employer = tables.Column(accessor="participation__employer__name", verbose_name="参会单位")
    fair = tables.Column(accessor="participation__fair__title", verbose_name="招聘会")
    openings = tables.Column(accessor="job__openings", verbose_name="招聘人数")
    education = tables.Column(accessor="job__education__name", verbose_name="学历要求", default="不限")
    salary = tables.Column(accessor="job__salary_min", verbose_name="月薪", orderable=False)
    region = tables.Column(accessor="job__region__name", verbose_name="工作地区")
    deadline = tables.DateColumn(accessor="job__deadline", format="Y-m-d", verbose_name="截止日期")
    hidden = tables.Column(verbose_name="显示状态")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    class Meta(BaseTable.Meta):
        model = ParticipantJob
        fields = ("pk", "title", "employer", "fair", "openings", "education", "salary", "region", "deadline",
                  "hidden", "actions")
        default_columns = ("title", "employer", "openings", "education", "salary", "hidden", "actions")

    def render_salary(self, record):
        return record.job.salary_display

    def value_salary(self, record):
        return record.job.salary_display

    def render_hidden(self, value):
        return mark_safe('<span class="badge text-bg-secondary">不显示</span>' if value
                         else '<span class="badge text-bg-success">显示</span>')

    def value_hidden(self, value):
        return "不显示" if value else "显示"

    @cached_property
    def toggle_urls(self):
        return {True: reverse("events:fair_job_hide"), False: reverse("events:fair_job_show")}

    def render_actions(self, record):
        if self.user is None or not self.user.has_permission("events.participantjob.change"):
            return ""
        hide = not record.hidden
        # The shared bulk form (CSRF, return_url); `single` makes the view act on this row only.
        return format_html('<button class="btn btn-link btn-sm p-0" form="bulk-form" formaction="{}" name="single" '
                           'value="{}" data-toggle-job>{}</button>', self.toggle_urls[hide], record.pk,
                           "不显示" if hide else "显示")
