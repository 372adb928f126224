"""One set of validators: every entry point accepts exactly what careers.core.validators accepts, and stores
the same normalised value — imports, back-office forms, the student portal, check-in, SMS, employer pages,
appeals, accounts, employment and dispatch records, archive records.

The same generated values (valid, invalid, full-width, spaced, odd unicode) go to each entry point."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from careers.accounts.forms import ProfileForm
from careers.core import validators
from careers.core.sms import SmsError
from careers.core.sms.backends import normalise_phone
from careers.employment.dispatch.forms import DispatchForm, SupervisingAuthorityForm
from careers.employment.dispatch.validation import postal_code_error
from careers.events.checkin import actions as checkin
from careers.events.talks.forms import TalkFieldsForm
from careers.recruitment.appeals.forms import AppealForm
from careers.recruitment.employers.forms import EmployerProfileForm
from careers.recruitment.jobs.forms import JobForm
from careers.studentfiles.forms import ArchiveRecordForm
from careers.students.records import importers
from careers.students.accounts.forms import StudentAccountForm
from careers.students.records.forms import StudentEditForm, validate_id_number
from careers.students.portal.forms import SelfServiceForm

pytestmark = pytest.mark.django_db
AGREE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789xX@.-+()"})

# region prefixes: ordinary counties, development zones and cities without counties (known only to the
# division table), a retired code stdnum remembers, and codes that are no region at all
REGIONS = ["110105", "440305", "220272", "320971", "441900", "460400", "420102", "999999", "990000", "000000",
           "110199"]


def outcome(call, value, *errors):
    """(True, normalised value) or (False, None)."""
    try:
        return True, call(value)
    except (ValidationError, ValueError, SmsError, *errors):
        return False, None


def field_outcome(field, value):
    return outcome(lambda v: field.clean(v), value)


def bound_outcome(form_class, name, value):
    """The whole form bound with this one value: its field and its clean_<name> decide."""
    form = form_class(data={name: value})
    form.is_valid()
    return (False, None) if name in form.errors else (True, form.cleaned_data[name])


def pair(call):
    """An importer-style (value or None, note) function as an outcome."""
    def run(value):
        clean, note = call(value)
        if clean is None:
            raise ValueError(note)
        return clean
    return run


@st.composite
def id_numbers(draw):
    region = draw(st.sampled_from(REGIONS) | st.from_regex(r"[0-9]{6}", fullmatch=True))
    birth = draw(st.sampled_from(["20030415", "19991231", "20000229", "20010229", "18991231", "20991231",
                                  "20031340"]) | st.from_regex(r"(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])",
                                                               fullmatch=True))
    body = region + birth + draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    check = ric.calc_check_digit(body + "?")
    number = body + (check if draw(st.booleans()) or draw(st.booleans()) else draw(st.sampled_from("0123456789X")))
    return draw(variants(number))


@st.composite
def variants(draw, value):
    """The value as people type it: lower-case, full-width, with spaces, or cut short."""
    if draw(st.booleans()):
        value = value.lower()
    if draw(st.booleans()):
        value = value.translate(FULL_WIDTH)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(value)))
        value = value[:at] + draw(st.sampled_from([" ", "\u3000", "\u00a0", "\t"])) + value[at:]
    if draw(st.integers(0, 9)) == 0:
        value = value[:draw(st.integers(0, len(value)))]
    return value


mobiles = st.builds(lambda head, rest, prefix, dash: prefix + head + (rest[:3] + "-" + rest[3:] if dash else rest),
                    st.sampled_from(["13", "15", "18", "19", "12", "10", "17"]),
                    st.from_regex(r"[0-9]{9}", fullmatch=True),
                    st.sampled_from(["", "", "+86", "0086", "86", "+86 "]), st.booleans()).flatmap(variants)
landlines = st.builds(lambda area, number, ext: f"{area}-{number}{ext}",
                      st.sampled_from(["010", "0755", "027", "400", "00", "0"]),
                      st.from_regex(r"[0-9]{6,9}", fullmatch=True),
                      st.sampled_from(["", "-123", "-"])).flatmap(variants)
phones = mobiles | landlines | st.text(max_size=14)
postal_codes = (st.from_regex(r"[0-9]{5,7}", fullmatch=True) | st.sampled_from(["51A000", "", " "])
                | st.text(max_size=7)).flatmap(variants)
emails = (st.emails().map(str) | st.sampled_from(["zhangsan＠example.com", "a@b", "me@@example.com", "ME@Example.COM",
                                                  "li。si@example。com", "x@例子.中国"])
          | st.text(max_size=12)).flatmap(variants)


@st.composite
def credit_codes(draw):
    body = draw(st.from_regex(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{9}", fullmatch=True))
    code = body + (uscc.calc_check_digit(body) if draw(st.booleans()) else draw(st.sampled_from("0A9Y")))
    return draw(variants(code))


@pytest.fixture
def forms(org, private_media_root):
    """One instance of each form (built once: the checks are per field and need no bound data)."""
    student = org["students"]["a1"]
    return {"edit": StudentEditForm(instance=student), "portal": SelfServiceForm(student),
            "employer": EmployerProfileForm(), "profile": ProfileForm(),
            "authority": SupervisingAuthorityForm(), "dispatch": DispatchForm(instance=student.dispatch),
            "archive": ArchiveRecordForm(), "talk": TalkFieldsForm(), "job": JobForm(),
            "student account": StudentAccountForm()}


@pytest.fixture
def private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def agree(expected, outcomes):
    for name, got in outcomes.items():
        assert got == expected, f"{name} disagrees: {got} != {expected}"


@AGREE
@given(value=id_numbers())
@example(value="999999200001011233")  # accepted by the import alone, once
@example(value="２２０２７２２００３０４１５１２３Ｘ")
def test_id_number_entry_points_agree(forms, value):
    assume(validators.normalise(value))  # empty: whether a value is required is each form's own business
    expected = outcome(validators.validate_id_number, value)
    code = checkin.normalise_code(value)
    agree(expected, {
        "import": outcome(lambda v: importers.check_id_number(v)[0], value),
        "single entry / edit (clean)": outcome(lambda v: validate_id_number(v)[0], value),
        "edit form field": field_outcome(forms["edit"].fields["id_number"], value),
        "check-in": (checkin.looks_like_id_number(code), code if checkin.looks_like_id_number(code) else None),
    })


@AGREE
@given(value=mobiles | phones)
@example(value="１３８１２３４５６７８")  # passed the import, then failed the SMS backend
def test_mobile_entry_points_agree(forms, value):
    assume(validators.normalise(value))
    expected = outcome(validators.validate_mobile, value)
    agree(expected, {
        "import": outcome(pair(importers.clean_phone), value),
        "edit form": field_outcome(forms["edit"].fields["phone"], value),
        "portal": field_outcome(forms["portal"].fields["phone"], value),
        "sms": outcome(normalise_phone, value),
        "appeal": bound_outcome(AppealForm, "phone", value),
        "student account": field_outcome(forms["student account"].fields["phone"], value),
    })


@AGREE
@given(value=phones)
def test_contact_phone_entry_points_agree(forms, value):
    assume(validators.normalise(value))
    expected = outcome(validators.validate_phone, value)
    agree(expected, {
        "employer form": field_outcome(forms["employer"].fields["phone"], value),
        "supervising authority": field_outcome(forms["authority"].fields["phone"], value),
        "account profile": field_outcome(forms["profile"].fields["phone"], value),
        "talk contact": field_outcome(forms["talk"].fields["contact_phone"], value),
        "job contact": field_outcome(forms["job"].fields["contact_phone"], value),
    })


@AGREE
@given(value=postal_codes)
def test_postal_code_entry_points_agree(forms, value):
    assume(validators.normalise(value))
    expected = outcome(validators.validate_postal_code, value)
    agree(expected, {
        "import": outcome(pair(importers.clean_postal_code), value),
        "edit form": field_outcome(forms["edit"].fields["postal_code"], value),
        "portal": field_outcome(forms["portal"].fields["postal_code"], value),
        "dispatch form": field_outcome(forms["dispatch"].fields["report_postal_code"], value),
        "archive form": field_outcome(forms["archive"].fields["postal_code"], value),
        "supervising authority": field_outcome(forms["authority"].fields["postal_code"], value),
    })
    accepted = postal_code_error("report_postal_code", value) is None
    assert accepted == expected[0], "dispatch rule disagrees"


@AGREE
@given(value=emails)
def test_email_entry_points_agree(forms, value):
    assume(validators.normalise(value))
    expected = outcome(validators.validate_email, value)
    agree(expected, {
        "import": outcome(pair(importers.clean_email), value),
        "edit form": field_outcome(forms["edit"].fields["email"], value),
        "portal": field_outcome(forms["portal"].fields["email"], value),
        "employer form": field_outcome(forms["employer"].fields["email"], value),
        "appeal": bound_outcome(AppealForm, "email", value),
        "account profile": field_outcome(forms["profile"].fields["email"], value),
        "job contact": field_outcome(forms["job"].fields["contact_email"], value),
    })


@AGREE
@given(value=credit_codes() | st.text(max_size=20))
def test_credit_code_entry_points_agree(forms, value):
    assume(validators.normalise(value))
    expected = outcome(validators.validate_credit_code, value)
    agree(expected, {
        "employer form": field_outcome(forms["employer"].fields["credit_code"], value),
        "appeal": bound_outcome(AppealForm, "credit_code", value),
    })


def test_check_in_finds_a_development_zone_student_by_a_full_width_id_number(org):
    student = org["students"]["a1"]
    body = "22027220030415123"
    student.id_number = body + ric.calc_check_digit(body + "?")
    student.save(update_fields=["id_number"])
    typed = " " + student.id_number.lower().translate(FULL_WIDTH)
    assert checkin.find_student(typed).pk == student.pk
