import django_tables2 as tables

from careers.core.tables import BaseTable, LocalTimeColumn

from .models import Booking


class BookingTable(BaseTable):
    """咨询台账: date, adviser, student, topic, status, notes, rating."""

    starts_at = LocalTimeColumn(verbose_name="咨询时间", linkify=("counseling:booking_detail", {"pk": tables.A("pk")}))
    adviser = tables.Column("咨询师", accessor="adviser__user__name", order_by="adviser__user__name")
    student_number = tables.Column("学号", accessor="student__student_number")
    name = tables.Column("姓名", accessor="student__name")
    major = tables.Column("专业", accessor="student__major__name")
    topic = tables.Column("咨询主题", accessor="topic__name")
    place = tables.Column("方式/地点", accessor="slot__place", orderable=False)
    status = tables.Column("状态")
    reply_note = tables.Column("咨询师回复")
    session_notes = tables.Column("咨询记录")
    stars = tables.Column("评分", accessor="rating__stars", default="")
    comment = tables.Column("评价内容", accessor="rating__comment", default="")

    class Meta(BaseTable.Meta):
        model = Booking
        fields = ("pk", "starts_at", "adviser", "student_number", "name", "major", "topic", "place", "status",
                  "reply_note", "session_notes", "stars", "comment")
        default_columns = ("starts_at", "adviser", "student_number", "name", "topic", "status", "session_notes",
                           "stars")
