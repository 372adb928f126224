"""core.widgets, applied by BootstrapMixin / BaseFilterSet to every form: the 年-月-日 date input, the 选择文件
file input, the mobile keyboard of each kind of field, 请选择 instead of "---------"; form sections; the
pinned key columns of wide lists; no 删除 box on a formset's empty row."""

import datetime

import django_filters
import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.core import validators
from careers.core.filtersets import BaseFilterSet
from careers.core.forms import BaseForm
from careers.core.widgets import DateInput, DateTimeInput, FileInput
from careers.students.models import Student


class SampleForm(BaseForm):
    starts = forms.DateTimeField(label="开始时间", required=False,
                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    day = forms.DateField(label="寄送日期", required=False, widget=forms.DateInput(attrs={"type": "date", "min": "2020-01-01"}))
    month = forms.CharField(label="开始年月", required=False, widget=forms.TextInput(attrs={"type": "month"}))
    upload = forms.FileField(label="附件", required=False)
    mobile = validators.MobileField(label="手机号码", required=False)
    email = validators.EmailField(label="电子邮箱", required=False)
    id_number = validators.IdNumberField(label="身份证号", required=False)
    postal_code = validators.PostalCodeField(label="邮编", required=False)
    contact_phone = forms.CharField(label="联系电话", required=False)
    salary = forms.IntegerField(label="月薪", required=False)
    title = forms.CharField(label="标题", required=False)
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "---------"), ("a", "甲")])


def test_the_date_input_shows_and_accepts_year_month_day_in_chinese():
    form = SampleForm(initial={"day": datetime.date(2026, 9, 1)})
    html = str(form["day"])
    assert isinstance(form.fields["day"].widget, DateInput)
    assert 'type="text"' in html and 'inputmode="numeric"' in html and 'placeholder="年-月-日"' in html
    assert 'value="2026-09-01"' in html and 'aria-label="打开日历选择日期"' in html
    assert '<input type="date" class="date-native" tabindex="-1" aria-hidden="true" min="2020-01-01">' in html
    assert "mm/dd" not in html
    for typed in ("2026-09-03", "2026/9/3", "20260903", "2026.9.3"):
        form = SampleForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 9, 3)


def test_a_date_and_time_is_a_chinese_text_box_over_the_native_picker():
    form = SampleForm(initial={"starts": datetime.datetime(2026, 9, 1, 14, 30)})
    html = str(form["starts"])
    assert isinstance(form.fields["starts"].widget, DateTimeInput)
    assert 'type="text"' in html and 'placeholder="年-月-日 时:分"' in html and 'value="2026-09-01 14:30"' in html
    assert '<input type="datetime-local" class="date-native"' in html and "打开日历选择日期和时间" in html
    for typed in ("2026-09-01 14:30", "2026-09-01T14:30", "2026/09/01 14:30"):  # what browsers and people send
        form = SampleForm(data={"starts": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["starts"].strftime("%Y-%m-%d %H:%M") == "2026-09-01 14:30"


def test_a_month_is_a_year_month_text_box():
    html = str(SampleForm()["month"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html and "年-月" in html and "data-month-text" in html


def test_the_file_input_is_a_chinese_button_with_the_file_name():
    form = SampleForm()
    html = str(form["upload"])
    assert isinstance(form.fields["upload"].widget, FileInput)
    assert html.startswith('<label class="file-input" for="id_upload" data-file-input>')
    assert 'type="file"' in html and 'name="upload"' in html and 'class="visually-hidden file-input-native"' in html
    assert "选择文件" in html and "未选择文件" in html and "Choose" not in html
    form = SampleForm({}, {"upload": SimpleUploadedFile("简历.pdf", b"%PDF-1.3")})
    assert form.is_valid() and form.cleaned_data["upload"].name == "简历.pdf"


def test_an_existing_file_is_linked_with_a_chinese_delete_box():
    class Stored:
        url = "/media/a/简历.pdf"

        def __str__(self):
            return "a/简历.pdf"

    widget = FileInput()
    widget.is_required = False
    html = widget.render("upload", Stored(), {"id": "id_upload"})
    assert '当前文件：<a href="/media/a/简历.pdf">简历.pdf</a>' in html
    assert 'name="upload-clear"' in html and ">删除</label>" in html


@pytest.mark.parametrize("name, expected", [
    ("mobile", {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    ("contact_phone", {"type": "tel", "inputmode": "tel"}),
    ("email", {"type": "text", "inputmode": "email", "autocomplete": "email"}),
    ("id_number", {"type": "text", "inputmode": "text"}),  # may end with X: no numeric pad
    ("postal_code", {"type": "text", "inputmode": "numeric", "autocomplete": "postal-code"}),
    ("salary", {"type": "number", "inputmode": "numeric"}),
])
def test_each_field_gets_its_mobile_keyboard(name, expected):
    html = str(SampleForm()[name])
    for key, value in expected.items():
        assert f'{key}="{value}"' in html, (key, html)


def test_a_plain_text_field_keeps_its_keyboard():
    assert "inputmode" not in str(SampleForm()["title"])


@pytest.mark.django_db
def test_empty_choices_say_please_choose(code_tables):
    from careers.students.records.forms import StudentEditForm

    assert '<option value="" selected>请选择</option>' in str(SampleForm()["kind"])
    html = str(StudentEditForm(instance=Student(graduation_year=2027), user=None)["ethnicity"])
    assert "请选择" in html and "---------" not in html


def test_a_filter_date_is_our_date_input():
    class Filters(BaseFilterSet):
        since = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte",
                                          widget=forms.DateInput(attrs={"type": "date"}))

        class Meta:
            model = Student
            fields = []

    html = str(Filters({}, queryset=Student.objects.none()).form["since"])
    assert 'placeholder="年-月-日"' in html and "input-group-sm" in html


@pytest.mark.django_db
def test_the_student_edit_form_comes_in_sections(code_tables):
    from careers.students.records.forms import StudentEditForm

    parts = StudentEditForm(instance=Student(graduation_year=2027), user=None).section_list()
    assert [p["title"] for p in parts] == ["基本信息", "生源与培养", "联系方式"]
    assert [f.name for f in parts[1]["fields"]] == ["origin_region", "training_mode", "sponsor_unit"]
    assert sum(len(p["fields"]) for p in parts) == len(StudentEditForm.Meta.fields)  # every field, once
    assert SampleForm().section_list() == []


def test_a_resume_formset_offers_no_delete_box_on_its_empty_row():
    from careers.resumes.forms import EducationFormSet
    from careers.resumes.models import Resume

    formset = EducationFormSet(instance=Resume(), prefix="educations")
    assert "DELETE" not in formset.forms[0].fields  # the extra row for a new entry
    assert formset.can_delete  # saved entries keep theirs


@pytest.mark.django_db
def test_wide_lists_pin_the_checkbox_number_and_name():
    from careers.employment.dispatch.tables import DispatchTable, SupervisingAuthorityTable
    from careers.employment.windows.tables import ReportingWindowTable
    from careers.employment.models import DispatchRecord

    table = DispatchTable(DispatchRecord.objects.none())
    assert table.attrs["data-sticky-columns"] == "3"
    assert 'data-sticky-columns="3"' in table.attrs.as_html()
    assert SupervisingAuthorityTable([]).attrs["data-sticky-columns"] == "2"  # checkbox, 名称
    assert "data-sticky-columns" not in ReportingWindowTable([]).attrs  # no key column first: nothing to pin
