"""填写模板: one declaration for the model, the admin form and the student form."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from careers.codes.data import iter_csv
from careers.employment.outcomes.forms import EmploymentForm
from careers.employment.outcomes.templates_fill import (
    BY_KEY,
    CATEGORY_DEFAULT,
    DETAIL_FIELDS,
    TEMPLATES,
    clean_employment,
    prefill_values,
    template_for,
)
from tests.employment.conftest import code, contract_values, form_data, study_values

pytestmark = pytest.mark.django_db


def errors_of(record):
    try:
        clean_employment(record)
    except ValidationError as exc:
        return exc.message_dict
    return {}


def apply(record, values):
    for name, value in values.items():
        setattr(record, name, value)
    return record


def test_every_destination_code_has_a_template_of_its_category():
    for row in iter_csv("destination"):
        destination = code("destination", row["code"])
        template = template_for(destination)
        assert template is not None, row["code"]
        assert template.category == row["category"], row["code"]
    assert set(CATEGORY_DEFAULT) == {row["category"] for row in iter_csv("destination")}


def test_template_codes_and_prefills_exist_in_the_code_tables():
    for template in TEMPLATES:
        for value in template.destinations:
            code("destination", value)
        prefilled = prefill_values(template)
        assert set(prefilled) == set(template.prefill), template.key
        assert not set(template.prefill) & template.hidden
        assert not template.required & template.hidden


@pytest.mark.parametrize("destination, required", [
    ("10", {"employer_name", "employer_credit_code", "employer_nature", "employer_industry", "employer_region",
            "placed_on"}),
    ("11", {"employer_name", "employer_credit_code", "employer_nature", "employer_industry", "employer_region",
            "placed_on"}),
    ("12", {"employer_name", "employer_nature", "employer_industry", "employer_region", "position", "placed_on"}),
    ("46", {"employer_name", "employer_region", "placed_on"}),
    ("502", {"employer_name", "employer_nature", "employer_region", "placed_on"}),
    ("75", {"employer_name", "employer_credit_code", "employer_industry", "employer_region", "placed_on"}),
    ("76", {"position", "employer_region", "placed_on"}),
    ("801", {"employer_name", "study_major", "employer_region", "placed_on"}),
    ("85", {"employer_name", "study_major"}),
    ("70", set()),
    ("72", set()),
])
def test_required_fields_per_destination(record_a, destination, required):
    record = apply(record_a, {"destination": code("destination", destination)})
    errors = errors_of(record)
    assert set(errors) == required
    for name in required:
        assert "时必须填写" in errors[name][0]


def test_unemployed_needs_nothing_and_refuses_employer_details(record_a):
    record = apply(record_a, {"destination": code("destination", "70")})
    assert errors_of(record) == {}
    record.employer_name = "某公司"
    assert "请清空" in errors_of(record)["employer_name"][0]


def test_startup_requires_the_credit_code_and_checks_it(record_a):
    values = contract_values(destination=code("destination", "75"), employer_credit_code="91420100000000007X")
    errors = errors_of(apply(record_a, values))
    assert list(errors) == ["employer_credit_code"] and "校验码" in errors["employer_credit_code"][0]


def test_details_without_a_destination_are_refused(record_a):
    record_a.employer_name = "某公司"
    assert "请先选择毕业去向" in errors_of(record_a)["destination"][0]


def test_valid_reports_pass_and_are_normalised(record_a):
    record = apply(record_a, contract_values(employer_credit_code=contract_values()["employer_credit_code"].lower(),
                                             contact_phone="+86 027-87654321"))
    assert errors_of(record) == {}
    assert record.employer_credit_code.isupper() and record.contact_phone == "027-87654321"
    assert errors_of(apply(record_a, {**dict.fromkeys(DETAIL_FIELDS, ""), "employer_nature": None,
                                      "employer_industry": None, "employer_region": None, "placed_on": None,
                                      **study_values()})) == {}


def test_placed_on_outside_the_graduation_year_window(record_a):
    errors = errors_of(apply(record_a, contract_values(placed_on=datetime.date(2025, 6, 1))))
    assert list(errors) == ["placed_on"] and "2026年9月1日 至 2027年12月31日" in errors["placed_on"][0]


def test_codes_of_an_old_table_version_are_refused(record_a):
    from careers.codes.models import Code, CodeTable

    old_table = CodeTable.objects.create(kind="region", name="行政区划", version="2015", is_current=False)
    old = Code.objects.create(table=old_table, code="420111", name="洪山区（旧）")
    errors = errors_of(apply(record_a, contract_values(employer_region=old)))
    assert list(errors) == ["employer_region"] and "已停用的代码表版本" in errors["employer_region"][0]


def test_model_full_clean_uses_the_templates(record_a):
    record_a.destination = code("destination", "10")
    with pytest.raises(ValidationError) as exc:
        record_a.full_clean(exclude=["student", "reviewed_by"])
    assert "employer_credit_code" in exc.value.message_dict


# -- the form ---------------------------------------------------------------------------------------

def test_form_marks_required_and_hidden_fields_of_the_template(record_a):
    form = EmploymentForm(record=record_a, initial={"destination": code("destination", "801").pk})
    assert form.template is BY_KEY["domestic_study"]
    assert form.states["study_major"] == "required" and form.states["employer_credit_code"] == "hidden"
    assert form.fields["employer_name"].label == "升学院校"
    assert "2026年9月1日" in form.fields["placed_on"].help_text


def test_form_errors_land_on_the_fields(record_a):
    data = form_data(contract_values(employer_credit_code="123", placed_on=datetime.date(2030, 1, 1)))
    del data["employer_industry"]
    form = EmploymentForm(data, record=record_a)
    assert not form.is_valid()
    assert "18 位" in form.errors["employer_credit_code"][0]
    assert "落实日期" in form.errors["placed_on"][0]
    assert form.errors["employer_industry"][0].startswith("毕业去向为")


def test_form_empties_fields_the_template_hides(record_a):
    data = form_data(contract_values(destination=code("destination", "70")))
    form = EmploymentForm(data, record=record_a)
    assert form.is_valid(), form.errors
    values = form.values()
    assert values["employer_name"] == "" and values["employer_region"] is None


def test_picking_a_template_selects_its_destination_and_prefills(record_a):
    form = EmploymentForm.switched({"fill_template": "domestic_study", "employer_name": "某公司",
                                    "employer_credit_code": "x"}, record=record_a, trigger="fill_template")
    assert form.initial["destination"] == code("destination", "80").pk
    assert form.initial["employer_nature"] == code("employer_nature", "21").pk
    assert form.initial["employer_industry"] == code("industry", "83").pk
    assert form.initial["employer_credit_code"] == ""  # hidden by 境内升学
    military = EmploymentForm.switched({"fill_template": "military"}, record=record_a, trigger="fill_template")
    assert military.initial["employer_name"] == "部队"
    assert military.initial["employer_nature"] == code("employer_nature", "40").pk


def test_picking_a_destination_follows_its_template_without_overwriting(record_a):
    form = EmploymentForm.switched({"destination": code("destination", "503").pk, "employer_name": "某镇政府"},
                                   record=record_a, trigger="destination")
    assert form.initial["fill_template"] == "grassroots" and form.initial["employer_name"] == "某镇政府"
