"""协议书起始号 parsing (hypothesis): any start + count gives exactly `count` consecutive numbers of one series,
in order, each `prefix + digits` of the start's width — or a Chinese refusal naming the field."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from careers.employment.agreements.actions import number_range
from careers.employment.agreements.models import split_number

prefixes = st.text(alphabet="ABCDEFGHJKXYZ-0123456789", max_size=6)


@settings(max_examples=300, deadline=None)
@given(prefix=st.text(alphabet="ABCXYZ-", max_size=5), serial=st.integers(0, 10 ** 9), width=st.integers(1, 12),
       count=st.integers(1, 300))
def test_ranges_are_consecutive_and_keep_their_width(prefix, serial, width, count):
    start = f"{prefix}{serial:0{width}d}"
    try:
        numbers = number_range(start, count)
    except ValidationError as exc:
        assert "start" in exc.message_dict
        assert len(str(serial + count - 1)) > max(width, len(str(serial))) or len(start) > 30
        return
    assert len(numbers) == count and len(set(numbers)) == count
    parts = [split_number(n) for n in numbers]
    assert {p[0] for p in parts} == {split_number(start)[0]}
    assert [p[1] for p in parts] == list(range(parts[0][1], parts[0][1] + count))
    assert len({len(n) for n in numbers}) == 1


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_is_a_range_or_a_named_refusal(text):
    try:
        numbers = number_range(text, 3)
    except ValidationError as exc:
        assert set(exc.message_dict) <= {"start", "end"}
        return
    assert len(numbers) == 3


@pytest.mark.parametrize("start, end, ok", [("0001", "0003", True), ("0001", "0004", False), ("A01", "B03", False),
                                            ("0001", "", True)])
def test_the_end_number_checks_the_count(start, end, ok):
    if ok:
        assert number_range(start, 3, end)[-1] == "0003"
    else:
        with pytest.raises(ValidationError) as exc:
            number_range(start, 3, end)
        assert "end" in exc.value.message_dict


def test_full_width_digits_are_refused():
    with pytest.raises(ValidationError, match="须以数字结尾"):
        number_range("２０２６０１", 2)
