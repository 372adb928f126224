import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable
from careers.studentfiles.tables import StudentColumnsMixin

from .models import CheckIn, CheckinDevice, event_of, kind_of_row
from .registration import KIND_LABELS


class CheckInTable(StudentColumnsMixin, BaseTable):
    event = tables.Column(accessor="pk", verbose_name="活动", orderable=False)
    checked_in_at = tables.DateTimeColumn(format="Y-m-d H:i:s", verbose_name="签到时间")
    method = tables.Column(verbose_name="签到方式")
    device = tables.Column(accessor="device__name", verbose_name="签到设备", default="")
    recorded_at = tables.DateTimeColumn(format="Y-m-d H:i:s", verbose_name="记录时间")

    class Meta(BaseTable.Meta):
        model = CheckIn
        fields = ("pk", "student_number", "name", "graduation_year", "college", "major", "event", "checked_in_at",
                  "method", "device", "recorded_at")
        default_columns = ("student_number", "name", "college", "major", "event", "checked_in_at", "method", "device")

    def render_event(self, record):
        kind = KIND_LABELS[kind_of_row(record)]
        return format_html('<span class="text-muted small">{}</span> {}', kind, event_of(record).title)

    def value_event(self, record):
        return event_of(record).title


class CheckinDeviceTable(BaseTable):
    name = tables.Column(verbose_name="设备名称")
    token_prefix = tables.Column(verbose_name="令牌前缀")
    is_active = tables.BooleanColumn(verbose_name="启用", yesno="启用,停用")
    last_seen_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="最近使用", default="从未使用")
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="添加时间")
    actions = tables.TemplateColumn(template_name="events/checkin/device_actions.html", verbose_name="操作",
                                    orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = CheckinDevice
        fields = ("pk", "name", "token_prefix", "is_active", "last_seen_at", "created_at", "actions")

    @property
    def can_change(self):
        return bool(self.user and self.user.has_permission("events.checkindevice.change"))
