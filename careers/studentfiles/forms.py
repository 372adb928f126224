from django import forms

from careers.core import validators
from careers.core.forms import BaseForm, BaseModelForm
from careers.core.scoping import scope_filter
from careers.students import neutral
from careers.students.models import Student

from .models import ArchiveRecord


class ArchiveRecordForm(BaseModelForm):
    """档案信息 by hand: the student is named by 学号 (a dropdown of thousands would not do)."""

    student_number = forms.CharField(label="学号", max_length=32)

    class Meta:
        model = ArchiveRecord
        fields = ["transfer_unit", "receiving_unit", "receiving_address", "postal_code", "tracking_number",
                  "sent_date", "note"]
        widgets = {"sent_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        field_classes = {"postal_code": validators.PostalCodeField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["student_number"])
        if self.instance.pk:
            field = self.fields["student_number"]
            field.initial = self.instance.student.student_number
            field.disabled = True
            field.help_text = str(self.instance.student)

    def clean_student_number(self):
        if self.instance.pk:
            return self.instance.student.student_number
        number = "".join(self.cleaned_data["student_number"].split())
        student = scope_filter(Student.objects.all(), self.user).filter(student_number=number).first()
        if student is None:
            raise forms.ValidationError(neutral.not_found(number))
        if ArchiveRecord.objects.filter(student=student).exists():
            raise forms.ValidationError(f"{student} 已有档案信息，请在列表中找到并修改。")
        self.instance.student = student
        return number



class ImageUploadForm(BaseForm):
    title = forms.CharField(label="图片说明", max_length=100, help_text="如“英语四级成绩单”“获奖证书”")
    image = forms.FileField(label="选择图片", help_text="JPG 或 PNG 图片，不超过 5 MB；上传后会去除拍摄位置等隐私信息。",
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
