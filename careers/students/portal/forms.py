"""学生中心 forms: 完善信息 (self-service fields, 生源地 as the region type-ahead) and the photo upload."""

import uuid

from django import forms
from django.core.files.base import ContentFile

from careers.codes.models import Code
from careers.codes.fields import RegionField
from careers.core.forms import BaseForm

from ..records.forms import VALUE_FIELD_CLASSES
from ..models import Student

class SelfServiceForm(BaseForm):
    """The fields of Student.SELF_SERVICE_FIELDS; 生源地 as the region type-ahead (codes.fields), down to 区/县."""

    def __init__(self, student, *args, **kwargs):
        self.student = student
        super().__init__(*args, initial=self.initial_values(student), **kwargs)
        self.fields = self.build_fields()
        self._style()

    @staticmethod
    def initial_values(student):
        values = {}
        for name in Student.SELF_SERVICE_FIELDS:
            if name in student.pending_changes:  # show what the student already submitted
                values[name] = student.pending_changes[name]
            else:
                value = getattr(student, name)
                values[name] = value.pk if hasattr(value, "pk") else value
        return values

    def build_fields(self):
        fields = {}
        for name in Student.SELF_SERVICE_FIELDS:
            if name == "origin_region":  # the one region type-ahead (codes.fields), down to 区/县
                fields[name] = RegionField(label="生源地", required=False, active_only=True, leaf_only=True,
                                           help_text="生源地一般为高考报名时的户籍所在地，请选到区/县。" +
                                           self.review_note(name))
                continue
            model_field = Student._meta.get_field(name)
            # phone, e-mail, postal code: the one normalise-and-check, as in single entry and the import
            field = model_field.formfield(**({"form_class": VALUE_FIELD_CLASSES[name]}
                                             if name in VALUE_FIELD_CLASSES else {}))
            if model_field.is_relation:
                kind = model_field.remote_field.limit_choices_to["table__kind"]
                field.queryset = Code.objects.of(kind).filter(is_active=True)
                field.empty_label = "请选择"
            if name in Student.KEY_FIELDS:
                field.help_text = self.review_note(name)
            fields[name] = field
        fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email", "maxlength": "254"})
        fields["postal_code"].widget.attrs.update({"inputmode": "numeric"})
        return fields

    def review_note(self, name):
        return "修改后需学校审核。" + ("已提交，待审核。" if name in self.student.pending_changes else "")

    def changes(self):
        """The self-service values for submit_self_service_changes."""
        return {name: self.cleaned_data.get(name) for name in Student.SELF_SERVICE_FIELDS}


class PhotoForm(BaseForm):
    photo = forms.FileField(label="照片", help_text="JPG、PNG 或 WEBP 格式，不超过 2 MB；保存时会去除拍摄信息（EXIF）。",
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    def clean_photo(self):
        """Check size and real type, then re-encode to JPEG without metadata (nothing of the upload is kept)."""
        from careers.core.uploads import PHOTO, clean_image

        clean = clean_image(self.cleaned_data["photo"], PHOTO)
        return ContentFile(clean.data, name=f"{uuid.uuid4().hex}.jpg")
