"""报送指标: the figures a progress project asks for, and the rules their values follow.

A figure is {"key": "graduates", "label": "毕业生人数", "kind": "integer"}. Kinds:
integer (whole number ≥ 0), percentage (0–100, two decimals) and text (optional, ≤ 500 chars).
Some keys have a meaning the system knows: it suggests their values from the records
(`suggestions`) and checks them against each other (`RULES`).
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

KINDS = {"integer": "整数", "percentage": "百分比（0–100）", "text": "文字"}
NUMERIC = ("integer", "percentage")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
MAX_FIGURES = 30
MAX_INTEGER = 1_000_000
MAX_TEXT = 500

DEFAULT_FIGURES = [
    {"key": "graduates", "label": "毕业生人数", "kind": "integer"},
    {"key": "employed", "label": "已就业人数", "kind": "integer"},
    {"key": "further_study", "label": "升学人数", "kind": "integer"},
    {"key": "signed", "label": "签约人数", "kind": "integer"},
    {"key": "note", "label": "备注", "kind": "text"},
]
# Keys the system can pre-fill (see suggestions) and a label for the project form's help text.
KNOWN_KEYS = {"graduates": "毕业生人数", "employed": "已就业人数", "further_study": "升学人数", "signed": "签约人数"}
# (parts, whole): the sum of the parts may not exceed the whole, when the project has all of them.
RULES = (
    (("employed",), "graduates"),
    (("further_study",), "graduates"),
    (("signed",), "graduates"),
    (("employed", "further_study"), "graduates"),
    (("signed",), "employed"),
)


def validate_figures(figures):
    """The figures cleaned (keys lower-case, labels trimmed), or ValidationError listing every problem."""
    if not isinstance(figures, list):
        raise ValidationError("报送指标格式不正确。")
    cleaned, errors, seen = [], [], set()
    for index, figure in enumerate(figures, start=1):
        key = str(figure.get("key", "")).strip().lower()
        label = " ".join(str(figure.get("label", "")).split())
        kind = figure.get("kind", "")
        where = f"第 {index} 个指标"
        if not label:
            errors.append(f"{where}：请填写指标名称。")
        elif len(label) > 50:
            errors.append(f"{where}“{label}”：指标名称不能超过 50 个字。")
        # Keys are internal (set from the name, kept on edits): a message names the figure, not its key.
        if not KEY.match(key):
            errors.append(f"{where}“{label}”：指标标识无效，请删除该行后重新添加。")
        elif key in seen:
            errors.append(f"{where}“{label}”与前面的指标重复，同一指标只能设置一次。")
        seen.add(key)
        if kind not in KINDS:
            errors.append(f"{where}“{label}”：请选择指标类型（{'、'.join(KINDS.values())}）。")
        cleaned.append({"key": key, "label": label, "kind": kind})
    if not cleaned:
        errors.append("请至少设置一个报送指标。")
    elif len(cleaned) > MAX_FIGURES:
        errors.append(f"报送指标最多 {MAX_FIGURES} 个。")
    if errors:
        raise ValidationError(errors)
    return cleaned


def figure_changes_blocked(old, new):
    """Messages for changes that would orphan reported values: a reported figure removed or its kind changed."""
    new_kinds = {f["key"]: f["kind"] for f in new}
    problems = []
    for figure in old:
        if figure["key"] not in new_kinds:
            problems.append(f"指标“{figure['label']}”已有院系报送数据，不能删除。")
        elif new_kinds[figure["key"]] != figure["kind"]:
            problems.append(f"指标“{figure['label']}”已有院系报送数据，不能修改类型。")
    return problems


def clean_value(figure, raw):
    """One submitted value as stored (int, float or str; None when left empty), or ValidationError."""
    label, kind = figure["label"], figure["kind"]
    text = "" if raw is None else str(raw).strip()
    if kind == "text":
        if len(text) > MAX_TEXT:
            raise ValidationError(f"“{label}”不能超过 {MAX_TEXT} 个字。")
        return text
    if text == "":
        raise ValidationError(f"请填写“{label}”。")
    try:
        number = Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise ValidationError(f"“{label}”应为数字，“{text}”无效。") from None
    if not number.is_finite():
        raise ValidationError(f"“{label}”应为数字，“{text}”无效。")
    if kind == "integer":
        if number != number.to_integral_value():
            raise ValidationError(f"“{label}”应为整数，不能有小数。")
        if not 0 <= number <= MAX_INTEGER:
            raise ValidationError(f"“{label}”应为 0 到 {MAX_INTEGER} 之间的整数。")
        return int(number)
    if not 0 <= number <= 100:
        raise ValidationError(f"“{label}”是百分比，应在 0 到 100 之间。")
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(f"“{label}”最多保留两位小数。")
    return float(number)


def check_rules(figures, values):
    """Cross-figure messages, e.g. 已就业人数 may not exceed 毕业生人数."""
    by_key = {f["key"]: f for f in figures if f["kind"] == "integer"}
    problems = []
    for parts, whole in RULES:
        keys = (*parts, whole)
        if not all(k in by_key and isinstance(values.get(k), int) for k in keys):
            continue
        total = sum(values[k] for k in parts)
        if total > values[whole]:
            name = "与".join(by_key[k]["label"] for k in parts) + ("之和" if len(parts) > 1 else "")
            problems.append(f"{name}（{total}）不能大于{by_key[whole]['label']}（{values[whole]}）。")
    return problems


def clean_values(figures, data):
    """Every figure's value from `data` (a mapping key -> raw value): (values, {key: message}, [cross messages])."""
    values, errors = {}, {}
    for figure in figures:
        try:
            values[figure["key"]] = clean_value(figure, data.get(figure["key"]))
        except ValidationError as exc:
            errors[figure["key"]] = exc.messages[0]
    cross = [] if errors else check_rules(figures, values)
    return values, errors, cross


def display(figure, value):
    if value is None or value == "":
        return ""
    if figure["kind"] == "percentage":
        return f"{value:g}%"
    return value
