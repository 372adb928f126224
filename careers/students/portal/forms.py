"""学生中心 forms: 完善信息 (self-service fields with the 生源地 picker) and the photo upload."""

import uuid

from django import forms
from django.core.files.base import ContentFile
from django.urls import reverse

from careers.codes.models import Code
from careers.codes.regions import region_chain
from careers.core.forms import BaseForm

from ..records.forms import VALUE_FIELD_CLASSES
from ..models import Student

REGION_SUFFIXES = (("province", "省/自治区/直辖市", 1), ("city", "市/地区", 2), ("county", "区/县", 3))


def region_levels(prefix):
    """The picker's three select names for a region field, e.g. origin_province / origin_city / origin_county."""
    return tuple((f"{prefix}_{suffix}", label, level) for suffix, label, level in REGION_SUFFIXES)


REGION_LEVELS = region_levels("origin")


def regions():
    return Code.objects.of("region").filter(is_active=True)


def selected_region_pks(form, initial_region, prefix):
    """Province/city/county pks chosen in the bound data, else those of `initial_region` (a Code pk or None)."""
    if form.is_bound:
        return [form.data.get(name) or None for name, _, _ in region_levels(prefix)]
    code = regions().select_related("parent__parent").filter(pk=initial_region).first() if initial_region else None
    return [c.pk if c else None for c in region_chain(code)]


def region_picker_fields(chosen, *, prefix, label):
    """Province → city → county selects (`<prefix>_province` ...); each offers the children of the one
    above and htmx (portal:regions) refills the next on change. `chosen`: the three selected pks."""
    levels = region_levels(prefix)
    fields = {}
    for index, (name, level_label, level) in enumerate(levels):
        qs = regions().filter(level=level)
        if index:
            parent = chosen[index - 1]
            qs = qs.filter(parent_id=int(parent)) if str(parent or "").isdecimal() else qs.none()
        field = forms.ModelChoiceField(qs, label=f"{label}：{level_label}", required=False,
                                       empty_label=f"请选择{level_label}")
        field.initial = chosen[index]
        if index < 2:
            field.widget.attrs.update({"hx-get": reverse("portal:regions"), "hx-trigger": "change",
                                       "hx-target": f"#id_{levels[index + 1][0]}"})
        fields[name] = field
    return fields


def clean_region_picker(form, data, *, prefix, label):
    """The deepest region chosen (None if none); asks for the next level while the choice has children."""
    levels = region_levels(prefix)
    province, city, county = (data.get(name) for name, _, _ in levels)
    chosen = county or city or province
    if chosen is not None and Code.objects.filter(parent=chosen).exists():
        missing = levels[1] if chosen is province else levels[2]
        form.add_error(missing[0], f"{label}请继续选择{missing[1]}。")
    return chosen


class SelfServiceForm(BaseForm):
    """The fields of Student.SELF_SERVICE_FIELDS; 生源地 as province → city → county selects."""

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

    def selected_regions(self):
        """Province/city/county pks chosen in the bound data, else those of the initial 生源地."""
        return selected_region_pks(self, self.initial.get("origin_region"), "origin")

    def build_fields(self):
        fields = {}
        chosen = self.selected_regions()
        for name in Student.SELF_SERVICE_FIELDS:
            if name == "origin_region":
                fields.update(self.region_fields(chosen))
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

    def region_fields(self, chosen):
        fields = region_picker_fields(chosen, prefix="origin", label="生源地")
        fields["origin_province"].help_text = "生源地一般为高考报名时的户籍所在地，请选到区/县。" + \
            self.review_note("origin_region")
        return fields

    def clean(self):
        data = super().clean()
        data["origin_region"] = clean_region_picker(self, data, prefix="origin", label="生源地")
        return data

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
