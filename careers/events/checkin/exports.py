"""导出 of 签到记录: the list's scope and filters, with the event and the method spelled out."""

from careers.core.exports import ExportField
from careers.core.views.exports import ExportView

from .models import event_of, kind_of_row
from .registration import KIND_LABELS
from .views import CheckInListView


CheckInExportView = ExportView.of(CheckInListView, fields=[
    ExportField("student_number", "学号", "student__student_number"),
    ExportField("name", "姓名", "student__name"),
    ExportField("graduation_year", "毕业年份", "student__graduation_year"),
    ExportField("college", "学院", "student__major__college__name"),
    ExportField("major", "专业", "student__major__name"),
    ExportField("event_kind", "活动类型", lambda c: KIND_LABELS[kind_of_row(c)]),
    ExportField("event", "活动", lambda c: event_of(c).title),
    ExportField("checked_in_at", "签到时间", "checked_in_at"),
    ExportField("method", "签到方式", lambda c: c.get_method_display()),
    ExportField("device", "签到设备", lambda c: c.device.name if c.device_id else ""),
    ExportField("recorded_at", "记录时间", "recorded_at"),
])
