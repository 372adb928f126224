import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn

from ..models import Registration, Talk
from ..stats.tables import TalkStatsColumns

BADGES = {"pending": "warning", "approved": "success", "rejected": "danger", "cancelled": "secondary"}


class TalkTable(TalkStatsColumns, BaseTable):
    title = tables.Column(linkify=("events:talk_detail", {"pk": tables.A("pk")}))
    host = tables.Column(accessor="host_name", verbose_name="用人单位/举办单位", order_by=("employer__name", "organiser"))
    starts_at = LocalTimeColumn()
    ends_at = LocalTimeColumn(fmt="%H:%M")
    venue = tables.Column(accessor="venue__name", verbose_name="场地")
    status = tables.Column()
    registration_count = tables.Column(verbose_name="报名人数", accessor="stat_registrations",
                                       attrs={"td": {"class": "text-end"}})
    capacity = tables.Column(verbose_name="人数上限", default="—")
    submitted_at = LocalTimeColumn(verbose_name="申请时间")
    review_note = tables.Column()

    class Meta(BaseTable.Meta):
        model = Talk
        fields = ("pk", "title", "host", "starts_at", "ends_at", "venue", "status", "registration_count", "capacity",
                  "stat_checkins", "stat_checkin_rate", "audience", "submitted_at", "review_note")
        default_columns = ("title", "host", "starts_at", "ends_at", "venue", "status", "registration_count",
                           "stat_checkins", "stat_checkin_rate", "submitted_at")

    def render_status(self, record):
        return format_html('<span class="badge text-bg-{}">{}</span>', BADGES[record.status],
                           record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()

    def render_registration_count(self, record, value):
        url = reverse("events:talk_registration_list") + f"?talk={record.pk}"
        return format_html('<a href="{}" data-registrations="{}">{}</a>', url, record.pk, value)

    def value_registration_count(self, record, value):
        return value


class TalkRegistrationTable(BaseTable):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    phone = tables.Column(accessor="student__phone", verbose_name="手机号码", orderable=False, default="")
    talk = tables.Column(accessor="talk__title", verbose_name="宣讲会")
    created_at = LocalTimeColumn(verbose_name="报名时间")

    class Meta(BaseTable.Meta):
        model = Registration
        fields = ("pk", "student_number", "name", "college", "major", "phone", "talk", "created_at")
        default_columns = ("student_number", "name", "college", "major", "talk", "created_at")
