"""Back-office forms for one student: single entry, edit/review, 学籍管理, 转移数据."""

from django import forms
from django.core.exceptions import ValidationError

from careers.accounts.models import User
from careers.codes.fields import RegionField
from careers.codes.models import Code
from careers.core import validators
from careers.core.forms import BaseForm, BaseModelForm
from careers.org.models import Major

from .. import neutral
from ..models import Student

CODE_FIELDS = {"ethnicity": "ethnicity", "political_status": "political_status", "origin_region": "region",
               "training_mode": "training_mode"}


def validate_id_number(value, gender=None):
    """身份证号 by the one shared rule (careers.core.validators); the sex digit must also match `gender`.

    Returns (normalised number, birth date).
    """
    number = validators.validate_id_number(value)
    if gender:
        id_gender = Student.Gender(validators.id_number_sex(number))
        if id_gender != gender:
            raise ValidationError(f"性别与身份证号不符：身份证号第 17 位表示{id_gender.label}性。", code="gender")
    return number, validators.id_number_birth_date(number)


# the one normalise-and-check for each contact value, as in the import and the student portal
VALUE_FIELD_CLASSES = {"id_number": validators.IdNumberField, "phone": validators.MobileField,
                       "email": validators.EmailField, "postal_code": validators.PostalCodeField}


class MajorLabelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_label


class StudentFormMixin:
    """Code dropdowns from the current table versions; ID number checked with its birth date and sex."""

    def setup_codes(self):
        for name, kind in CODE_FIELDS.items():
            if name in self.fields and not isinstance(self.fields[name], RegionField):
                self.fields[name].queryset = Code.objects.of(kind).order_by("sort", "code")

    def clean_id_number(self):
        return self.cleaned_data["id_number"]  # checked with the gender in clean()

    def validate_unique(self):
        """A taken 身份证号 gets the neutral message: the model's would confirm a student holds it."""
        super().validate_unique()
        if "id_number" in self.errors and Student.objects.exclude(pk=self.instance.pk).filter(
                id_number=self.instance.id_number).exists():
            self.errors["id_number"] = self.error_class([neutral.taken("身份证号")])

    def clean(self):
        data = super().clean()
        if data.get("id_number"):
            try:
                number, birth = validate_id_number(data["id_number"], data.get("gender"))
            except ValidationError as exc:
                field = "gender" if exc.code == "gender" else "id_number"
                self.add_error(field, exc)
            else:
                data["id_number"] = number
                self.instance.birth_date = birth
        return data


class StudentAddForm(StudentFormMixin, BaseModelForm):
    """录入单条学生记录: the account (学号 + initial credential) and the record, in one step."""

    education_level = forms.ModelChoiceField(label="学历", queryset=Code.objects.none(),
                                             help_text="先选择毕业年份和学历，再输入专业名称关键字搜索。")

    class Meta:
        model = Student
        fields = ["student_number", "name", "gender", "id_number", "candidate_number", "graduation_year",
                  "enrolment_year", "education_level", "major", "ethnicity", "political_status", "origin_region",
                  "training_mode", "sponsor_unit", "phone", "email", "home_address", "postal_code"]
        field_classes = {"major": MajorLabelChoiceField, "origin_region": RegionField, **VALUE_FIELD_CLASSES}
        widgets = {"major": forms.HiddenInput}

    def __init__(self, *args, operating_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_codes()
        self.fields["education_level"].queryset = Code.objects.of("education_level").order_by("sort", "code")
        self.fields["candidate_number"].required = True
        self.fields["major"].queryset = self.fields["major"].queryset.filter(is_active=True).select_related(
            "campus", "college", "department", "education_level")
        self.fields["major"].error_messages["invalid_choice"] = "所选专业不存在或不在您管辖的专业范围内，请重新搜索选择。"
        self.fields["major"].error_messages["required"] = "请搜索并选择专业。"
        if operating_year and not self.is_bound and not self.initial.get("graduation_year"):
            self.initial.update(graduation_year=operating_year, enrolment_year=operating_year - 4)
        self.fields["student_number"].help_text = "学号即学生的登录账号，初始密码为身份证号后 6 位。"

    def clean_student_number(self):
        number = self.cleaned_data["student_number"].strip()
        if User.objects.filter(username=number).exists() or Student.objects.filter(student_number=number).exists():
            raise ValidationError(neutral.taken("学号", number))  # whoever holds it, in scope or not
        return number

    def clean(self):
        data = super().clean()
        major, level = data.get("major"), data.get("education_level")
        if major and level and major.education_level_id != level.pk:
            self.add_error("major", f"所选专业的学历是“{major.education_level.name}”，与所选学历“{level.name}”不一致。")
        year, start = data.get("graduation_year"), data.get("enrolment_year")
        if year and start and start > year:
            self.add_error("enrolment_year", "入学年份不能晚于毕业年份。")
        return data


class StudentEditForm(StudentFormMixin, BaseModelForm):
    """修改 / 审核: everything but the account (学号) and placement (major, graduation year → 转移数据)."""

    class Meta:
        model = Student
        fields = ["name", "gender", "id_number", "candidate_number", "enrolment_year", "ethnicity",
                  "political_status", "origin_region", "training_mode", "sponsor_unit", "phone", "email",
                  "home_address", "postal_code"]
        field_classes = {"origin_region": RegionField, **VALUE_FIELD_CLASSES}

    sections = (("基本信息", ("name", "gender", "id_number", "candidate_number", "enrolment_year", "ethnicity",
                              "political_status")),
                ("生源与培养", ("origin_region", "training_mode", "sponsor_unit")),
                ("联系方式", ("phone", "email", "home_address", "postal_code")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_codes()

    def clean(self):
        data = super().clean()
        start = data.get("enrolment_year")
        if start and start > self.instance.graduation_year:
            self.add_error("enrolment_year", "入学年份不能晚于毕业年份。")
        return data


class StatusChangeForm(BaseForm):
    status = forms.ModelChoiceField(label="学籍状态", queryset=Code.objects.none(), empty_label="请选择")
    reason = forms.CharField(label="变更原因", max_length=200, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写变更原因。"})

    def __init__(self, *args, student=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = Code.objects.of("enrolment_status").order_by("sort", "code")
        self.student = student

    def clean_status(self):
        status = self.cleaned_data["status"]
        if self.student is not None and status.pk == self.student.enrolment_status_id:
            raise ValidationError(f"该学生的学籍状态已是“{status.name}”。")
        return status


class TransferForm(BaseForm):
    to_year = forms.IntegerField(label="转入毕业年份", min_value=2000, max_value=2100)
    education_level = forms.ModelChoiceField(label="学历", queryset=Code.objects.none(), required=False)
    to_major = MajorLabelChoiceField(label="转入专业", queryset=Major.objects.none(), widget=forms.HiddenInput,
                                     error_messages={"required": "请搜索并选择转入专业。",
                                                     "invalid_choice": "所选专业不存在或不可选择，请重新搜索。"})
    reason = forms.CharField(label="转移原因", max_length=200, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写转移原因。"})

    def __init__(self, *args, majors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["education_level"].queryset = Code.objects.of("education_level").order_by("sort", "code")
        self.fields["to_major"].queryset = majors.select_related("campus", "college", "department", "education_level")


class TransferDecisionForm(BaseForm):
    note = forms.CharField(label="审核意见", max_length=200, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), help_text="驳回时必须填写原因。")
