"""Validators: credit code (property-based), region, 落实日期 window, phone."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc

from careers.core.validators import USCC_ALPHABET, validate_credit_code, validate_phone
from careers.employment.outcomes.validators import placement_window, validate_placed_on, validate_region
from tests.employment.conftest import code

DIGITS = "0123456789"


@st.composite
def credit_codes(draw):
    """Valid codes: 8 digits (authority, type, region), 9 characters of the alphabet, the check character."""
    head = draw(st.text(alphabet=DIGITS, min_size=8, max_size=8))
    body = draw(st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9))
    return head + body + uscc.calc_check_digit(head + body)


@given(credit_codes())
def test_valid_generated_codes_pass(number):
    assert validate_credit_code(number) == number
    assert validate_credit_code(" " + number.lower() + " ") == number  # normalised


@given(credit_codes(), st.integers(min_value=0, max_value=17), st.sampled_from(USCC_ALPHABET))
def test_any_single_character_corruption_fails(number, position, replacement):
    if number[position] == replacement:
        replacement = USCC_ALPHABET[(USCC_ALPHABET.index(replacement) + 1) % len(USCC_ALPHABET)]
    corrupted = number[:position] + replacement + number[position + 1:]
    with pytest.raises(ValidationError):
        validate_credit_code(corrupted)


@settings(max_examples=50)
@given(credit_codes(), st.integers(min_value=8, max_value=17), st.sampled_from("IOZSV"))
def test_letters_outside_the_alphabet_are_named(number, position, letter):
    corrupted = number[:position] + letter + number[position + 1:]
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(corrupted)
    assert f"第 {position + 1} 位“{letter}”无效" in exc.value.messages[0]


def test_credit_code_messages_say_what_is_wrong():
    with pytest.raises(ValidationError, match="应为 18 位，当前为 5 位"):
        validate_credit_code("12345")
    with pytest.raises(ValidationError, match="前 8 位"):
        validate_credit_code("A1110000600037341L")
    with pytest.raises(ValidationError, match="校验码"):
        validate_credit_code("91110000600037341A")
    assert validate_credit_code("91110000600037341L") == "91110000600037341L"


@pytest.mark.django_db
def test_region_must_be_a_current_region_code():
    region = code("region", "420111")
    assert validate_region(region) == region
    assert validate_region(None) is None
    with pytest.raises(ValidationError, match="现行行政区划"):
        validate_region(code("destination", "10"))  # a code of another table
    with pytest.raises(ValidationError):
        validate_region(10 ** 9)


def test_placement_window_states_the_rule():
    assert placement_window(2027) == (datetime.date(2026, 9, 1), datetime.date(2027, 12, 31))
    assert validate_placed_on(datetime.date(2026, 9, 1), 2027)
    assert validate_placed_on(datetime.date(2027, 12, 31), 2027)
    for outside in (datetime.date(2026, 8, 31), datetime.date(2028, 1, 1)):
        with pytest.raises(ValidationError) as exc:
            validate_placed_on(outside, 2027)
        assert "2026年9月1日 至 2027年12月31日" in exc.value.messages[0]
        assert "毕业前一年 9 月 1 日至毕业当年 12 月 31 日" in exc.value.messages[0]


@pytest.mark.parametrize("raw, clean", [("13812345678", "13812345678"), ("+86 138 1234 5678", "13812345678"),
                                        ("027-87654321", "027-87654321"), ("01012345678", "01012345678"),
                                        ("0755-1234567-808", "0755-1234567-808"),
                                        ("+86 027-87654321", "027-87654321"), ("+86 27 8765 4321", "02787654321"),
                                        ("４００-８１０-８８８８", "400-810-8888")])
def test_phone_formats_accepted(raw, clean):
    assert validate_phone(raw) == clean


@pytest.mark.parametrize("raw", ["12345", "23812345678", "1381234567", "phone", "010-123"])
def test_phone_formats_refused(raw):
    with pytest.raises(ValidationError, match="手机号为 1 开头的 11 位数字"):
        validate_phone(raw)
