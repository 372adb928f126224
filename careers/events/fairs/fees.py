"""参会费用 of a fair (manual 4.6.1 (2)): the fee items the school sets and what a unit owes.

`Fair.fee_items` is a list of rows ``{"name": "展位费", "amount": "800.00", "per": "booth"}``:
`amount` in yuan as a string with at most 2 decimals (≥ 0), `per` one of FeeBasis:

    booth     每展位  × booths requested
    attendee  每人    × attendees
    unit      每单位  × 1

`fee_lines(fair, booths, attendees)` gives the receipt's rows, `amount_due(...)` their total (Decimal,
2 places). `clean_fee_items(rows)` validates rows typed into the fair form and returns them normalised;
it raises ValidationError with a Chinese message that names the row and the field.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("99999999.99")  # fits Participation.amount_due (10 digits, 2 places)
MAX_ITEMS = 20


class FeeBasis(models.TextChoices):
    BOOTH = "booth", "每展位"
    ATTENDEE = "attendee", "每人"
    UNIT = "unit", "每单位"


def _quantity(basis, booths, attendees):
    if basis == FeeBasis.BOOTH:
        return int(booths)
    if basis == FeeBasis.ATTENDEE:
        return int(attendees)
    return 1


def fee_lines(fair, booths, attendees):
    """[(name, unit price, quantity, subtotal)] for a unit with `booths` booths and `attendees` people.

    Unit prices and subtotals are Decimals with 2 places. Rows with an unknown basis count once."""
    lines = []
    for item in fair.fee_items or ():
        price = Decimal(str(item.get("amount") or "0")).quantize(CENT, rounding=ROUND_HALF_UP)
        quantity = _quantity(item.get("per"), booths, attendees)
        lines.append((item.get("name") or "参会费用", price, quantity, (price * quantity).quantize(CENT)))
    return lines


def amount_due(fair, booths, attendees):
    """The total a unit owes (Decimal, 2 places; Decimal("0.00") when the fair is free)."""
    return sum((subtotal for *_, subtotal in fee_lines(fair, booths, attendees)), Decimal("0.00"))


def parse_amount(value, label="金额"):
    """Yuan with at most 2 decimals, ≥ 0 → Decimal; ValidationError naming `label` otherwise."""
    text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    if text.startswith("¥") or text.startswith("￥"):
        text = text[1:].strip()
    if text.endswith("元"):
        text = text[:-1].strip()
    if not text:
        raise ValidationError(f"{label}：请填写金额（元）。")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"{label}：“{text}”不是有效的金额，请填写数字，如 800 或 800.50。") from None
    if not amount.is_finite():
        raise ValidationError(f"{label}：“{text}”不是有效的金额。")
    if amount < 0:
        raise ValidationError(f"{label}：金额不能为负数。")
    if amount > MAX_AMOUNT:  # first: quantizing a huge number (1E100) overflows the decimal context
        raise ValidationError(f"{label}：金额过大（上限 {MAX_AMOUNT} 元）。")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError(f"{label}：金额最多保留两位小数（精确到分）。")
    return amount.quantize(CENT)


def clean_fee_items(rows):
    """Validate fee rows [{name, amount, per}] (blank rows skipped) → normalised rows for `fee_items`."""
    cleaned, errors, names = [], [], set()
    for number, row in enumerate(rows or (), start=1):
        name = str(row.get("name") or "").strip()
        amount = str(row.get("amount") if row.get("amount") is not None else "").strip()
        per = str(row.get("per") or "").strip()
        if not name and not amount:
            continue  # an empty row of the editor
        label = f"第{number}行费用"
        if not name:
            errors.append(f"{label}：请填写费用名称。")
        elif len(name) > 30:
            errors.append(f"{label}：费用名称不能超过30个字。")
        elif name in names:
            errors.append(f"{label}：费用名称“{name}”重复。")
        names.add(name)
        try:
            value = parse_amount(amount, f"{label}“{name}”的金额" if name else f"{label}的金额")
        except ValidationError as error:
            errors.extend(error.messages)
            value = None
        if per not in FeeBasis.values:
            errors.append(f"{label}：请选择计费方式（每展位、每人或每单位）。")
        if value is not None and name and per in FeeBasis.values:
            cleaned.append({"name": name, "amount": str(value), "per": per})
    if len(cleaned) > MAX_ITEMS:
        errors.append(f"费用项目最多 {MAX_ITEMS} 项。")
    if errors:
        raise ValidationError(errors)
    return cleaned


def basis_label(per):
    try:
        return FeeBasis(per).label
    except ValueError:
        return "每单位"
