import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn

from ..models import Fair, Registration
from ..stats.tables import FairStatsColumns

STATUS_BADGES = {"draft": "secondary", "published": "success", "cancelled": "danger"}


class FairTable(FairStatsColumns, BaseTable):
    title = tables.Column(linkify=("events:fair_detail", {"pk": tables.A("pk")}))
    starts_at = LocalTimeColumn()
    ends_at = LocalTimeColumn()
    publish_at = LocalTimeColumn()
    apply_deadline = LocalTimeColumn()
    venue = tables.Column(accessor="venue__name", verbose_name="场地", default="—")
    status = tables.Column()

    class Meta(BaseTable.Meta):
        model = Fair
        fields = ("pk", "title", "starts_at", "ends_at", "publish_at", "venue", "place", "apply_deadline",
                  "booths_per_unit", "max_units", "capacity", "status", *FairStatsColumns.STAT_COLUMNS)
        default_columns = ("title", "starts_at", "place", "apply_deadline", "status", *FairStatsColumns.STAT_COLUMNS)

    def render_status(self, record):
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_BADGES.get(record.status, "secondary"),
                           record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()


class FairRegistrationTable(BaseTable):
    """报名名单 of a fair (student rows are scoped by major)."""

    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    gender = tables.Column(accessor="student__gender", verbose_name="性别")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    graduation_year = tables.Column(accessor="student__graduation_year", verbose_name="毕业年份")
    phone = tables.Column(accessor="student__phone", verbose_name="手机号码")
    fair = tables.Column(accessor="fair__title", verbose_name="招聘会")
    created_at = LocalTimeColumn(verbose_name="报名时间")
    checked_in = tables.BooleanColumn(verbose_name="已签到", yesno="是,否", orderable=False)

    class Meta(BaseTable.Meta):
        model = Registration
        fields = ("pk", "student_number", "name", "gender", "college", "major", "graduation_year", "phone", "fair",
                  "created_at", "checked_in")
        default_columns = ("student_number", "name", "college", "major", "graduation_year", "phone", "created_at",
                           "checked_in")

    def render_gender(self, record):
        return record.student.get_gender_display()

    def value_gender(self, record):
        return record.student.get_gender_display()
