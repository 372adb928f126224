import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn

from ..models import Registration
from .models import CareerEvent, CareerEventCategory

BADGES = {"draft": "warning", "published": "success", "cancelled": "secondary"}


class CareerEventCategoryTable(BaseTable):
    name = tables.Column(linkify=("events:careereventcategory_edit", {"pk": tables.A("pk")}))
    ordering = tables.Column()
    is_active = tables.BooleanColumn(yesno="启用,停用")
    event_count = tables.Column(verbose_name="活动数", accessor="event_count", orderable=False, default=0)

    class Meta(BaseTable.Meta):
        model = CareerEventCategory
        fields = ("pk", "name", "ordering", "is_active", "event_count")


class CareerEventTable(BaseTable):
    """The manual's columns: 微信链接 on the left, 报名人数 (opens the list), 操作 (签到二维码, 签到数据) on the right.
    The counts are annotations of the list's queryset (views.annotate_counts), scoped to the user."""

    wechat = tables.Column(verbose_name="微信链接", accessor="pk", orderable=False)
    title = tables.Column(linkify=("events:careerevent_detail", {"pk": tables.A("pk")}))
    category = tables.Column(accessor="category__name", verbose_name="活动分类")
    starts_at = LocalTimeColumn()
    ends_at = LocalTimeColumn(fmt="%H:%M")
    venue = tables.Column(accessor="venue__name", verbose_name="场地", default="待定")
    state = tables.Column()
    registration_count = tables.Column(verbose_name="报名人数", accessor="registration_count", orderable=False,
                                       attrs={"td": {"class": "text-end"}})
    checkin_count = tables.Column(verbose_name="签到人数", accessor="checkin_count", orderable=False,
                                  attrs={"td": {"class": "text-end"}})
    capacity = tables.Column(verbose_name="人数上限", default="—")
    registration_closes_at = LocalTimeColumn(verbose_name="报名截止")
    operations = tables.Column(verbose_name="操作", accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = CareerEvent
        fields = ("pk", "wechat", "title", "category", "starts_at", "ends_at", "venue", "state", "registration_count",
                  "checkin_count", "capacity", "audience", "registration_closes_at", "operations")
        default_columns = ("wechat", "title", "category", "starts_at", "ends_at", "venue", "state",
                           "registration_count", "checkin_count", "operations")

    def render_wechat(self, record):
        url = reverse("events:careerevent_promo", args=[record.pk])
        return format_html('<a class="text-nowrap" href="{}" title="移动端推广链接与二维码" data-promo="{}">'
                           '<i class="bi bi-qr-code"></i> 微信链接</a>',
                           url, record.pk)

    def value_wechat(self, record):
        return reverse("site_events:career_event_detail", args=[record.pk])

    def render_state(self, record):
        return format_html('<span class="badge text-bg-{}">{}</span>', BADGES[record.state], record.get_state_display())

    def value_state(self, record):
        return record.get_state_display()

    def render_registration_count(self, record, value):
        url = reverse("events:careerevent_registration_list") + f"?career_event={record.pk}"
        return format_html('<a href="{}" data-registrations="{}">{}</a>', url, record.pk, value)

    def render_checkin_count(self, record, value):
        url = reverse("events:checkin_list") + f"?career_event={record.pk}"
        return format_html('<a href="{}">{}</a>', url, value)

    def render_operations(self, record):
        qr = reverse("events:checkin_qr", args=["career_event", record.pk])
        data = reverse("events:checkin_list") + f"?career_event={record.pk}"
        # Stacked, not side by side: the row stays within a 1366 px screen with the default columns.
        return format_html('<a class="d-block text-nowrap" href="{}" data-qr="{}">签到二维码</a>'
                           '<a class="d-block text-nowrap" href="{}">签到数据</a>', qr, record.pk, data)

    def value_operations(self, record):
        return ""


class CareerEventRegistrationTable(BaseTable):
    # The checkbox carries the student's pk: 发送消息 (students:student_message, source students.student) takes it.
    pk = tables.CheckBoxColumn(accessor="student_id", orderable=False, attrs=BaseTable.base_columns["pk"].attrs)
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    phone = tables.Column(accessor="student__phone", verbose_name="手机号码", orderable=False, default="")
    career_event = tables.Column(accessor="career_event__title", verbose_name="就业活动")
    created_at = LocalTimeColumn(verbose_name="报名时间")

    class Meta(BaseTable.Meta):
        model = Registration
        fields = ("pk", "student_number", "name", "college", "major", "phone", "career_event", "created_at")
        default_columns = ("student_number", "name", "college", "major", "phone", "career_event", "created_at")
