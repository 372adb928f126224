import django_tables2 as tables
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import ArchiveRecord, StudentImage


class StudentColumnsMixin(tables.Table):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    graduation_year = tables.Column(accessor="student__graduation_year", verbose_name="毕业年份")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")


class StudentImageTable(StudentColumnsMixin, BaseTable):
    preview = tables.Column(accessor="pk", verbose_name="缩略图", orderable=False)
    title = tables.Column(linkify=("studentfiles:studentimage_detail", {"pk": tables.A("pk")}))
    size = tables.Column()
    uploaded_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta(BaseTable.Meta):
        model = StudentImage
        fields = ("pk", "preview", "student_number", "name", "graduation_year", "college", "major", "title", "size",
                  "uploaded_at")

    def render_preview(self, record):
        url = reverse("studentfiles:studentimage_file", args=[record.pk])
        return format_html('<a href="{}"><img src="{}?thumb=1" alt="{}" loading="lazy" class="rounded border" '
                           'style="height:48px;max-width:72px;object-fit:cover"></a>',
                           reverse("studentfiles:studentimage_detail", args=[record.pk]), url, record.title)

    def render_student_number(self, value, record):
        url = reverse("studentfiles:student_gallery", args=[record.student_id])
        return format_html('<a href="{}" title="查看该学生的全部图片">{}</a>', url, value)

    def render_size(self, value):
        return filesizeformat(value)


class ArchiveRecordTable(StudentColumnsMixin, BaseTable):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号",
                                   linkify=("studentfiles:archiverecord_detail", {"pk": tables.A("pk")}))
    transfer_unit = tables.Column()
    receiving_unit = tables.Column()
    receiving_address = tables.Column()
    postal_code = tables.Column()
    tracking_number = tables.Column()
    sent_date = tables.DateColumn(format="Y-m-d")
    note = tables.Column()

    class Meta(BaseTable.Meta):
        model = ArchiveRecord
        fields = ("pk", "student_number", "name", "graduation_year", "college", "major", "transfer_unit",
                  "receiving_unit", "receiving_address", "postal_code", "tracking_number", "sent_date", "note")
        default_columns = ("student_number", "name", "college", "major", "receiving_unit", "tracking_number",
                           "sent_date")
