"""参会费用: amount_due / fee_lines and the fee-row validator (hypothesis)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from careers.events.fairs.fees import amount_due, clean_fee_items, fee_lines, parse_amount

amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
pers = st.sampled_from(["booth", "attendee", "unit"])
items = st.lists(st.fixed_dictionaries({"name": st.text(min_size=1, max_size=5), "amount": amounts.map(str),
                                        "per": pers}), max_size=6)


def fair_with(rows):
    return SimpleNamespace(fee_items=rows)


def test_lines_per_basis():
    fair = fair_with([{"name": "展位费", "amount": "800.00", "per": "booth"},
                      {"name": "餐费", "amount": "30.5", "per": "attendee"},
                      {"name": "资料费", "amount": "100", "per": "unit"}])
    assert fee_lines(fair, 2, 3) == [("展位费", Decimal("800.00"), 2, Decimal("1600.00")),
                                     ("餐费", Decimal("30.50"), 3, Decimal("91.50")),
                                     ("资料费", Decimal("100.00"), 1, Decimal("100.00"))]
    assert amount_due(fair, 2, 3) == Decimal("1791.50")


def test_free_fair_owes_zero():
    assert amount_due(fair_with([]), 3, 3) == Decimal("0.00")
    assert fee_lines(fair_with(None), 1, 1) == []


@given(items, st.integers(0, 10), st.integers(0, 20))
def test_total_is_sum_of_lines_and_exact(rows, booths, attendees):
    fair = fair_with(rows)
    lines = fee_lines(fair, booths, attendees)
    total = amount_due(fair, booths, attendees)
    assert total == sum((line[3] for line in lines), Decimal("0"))
    assert total >= 0 and total == total.quantize(Decimal("0.01"))
    expected = sum(Decimal(r["amount"]) * {"booth": booths, "attendee": attendees, "unit": 1}[r["per"]] for r in rows)
    assert total == expected


@given(items, st.integers(0, 10), st.integers(0, 20), st.integers(1, 5))
def test_monotonic_in_booths(rows, booths, attendees, more):
    fair = fair_with(rows)
    assert amount_due(fair, booths + more, attendees) >= amount_due(fair, booths, attendees)


@given(amounts)
def test_parse_roundtrip(value):
    assert parse_amount(str(value)) == value


@given(st.text(max_size=12))
@example("1E100")  # quantizing it overflowed the decimal context
def test_parse_never_crashes(text):
    try:
        value = parse_amount(text)
    except ValidationError as error:
        assert error.messages and all(m for m in error.messages)
    else:
        assert value >= 0 and value == value.quantize(Decimal("0.01"))


@pytest.mark.parametrize("text,message", [("-1", "负数"), ("1.234", "两位小数"), ("abc", "不是有效的金额"),
                                          ("", "请填写"), ("NaN", "不是有效的金额"), ("1e20", "过大")])
def test_parse_refusals(text, message):
    with pytest.raises(ValidationError) as error:
        parse_amount(text)
    assert message in error.value.messages[0]


def test_parse_accepts_symbols():
    assert parse_amount("￥1,200.5元") == Decimal("1200.50")


def test_clean_rows():
    rows = [{"name": " 展位费 ", "amount": "800", "per": "booth"}, {"name": "", "amount": "", "per": "unit"}]
    assert clean_fee_items(rows) == [{"name": "展位费", "amount": "800.00", "per": "booth"}]


def test_clean_rows_errors_name_the_row():
    rows = [{"name": "展位费", "amount": "800", "per": "booth"}, {"name": "展位费", "amount": "-5", "per": "x"},
            {"name": "", "amount": "3", "per": "unit"}]
    with pytest.raises(ValidationError) as error:
        clean_fee_items(rows)
    text = " ".join(error.value.messages)
    assert "第2行费用：费用名称“展位费”重复" in text
    assert "第2行费用“展位费”的金额：金额不能为负数" in text
    assert "第2行费用：请选择计费方式" in text
    assert "第3行费用：请填写费用名称" in text


@given(items)
def test_clean_is_idempotent(rows):
    unique = list({r["name"].strip(): r for r in rows if r["name"].strip()}.values())
    try:
        once = clean_fee_items(unique)
    except ValidationError:
        return
    assert clean_fee_items(once) == once
