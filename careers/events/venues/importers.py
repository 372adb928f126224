"""导入场地 (manual 3.2.1: 如有较固定的场地，也可以进入“导入数据”批量导入场地).

A row whose 场地名称 matches an existing venue updates it (or is skipped when nothing changed), so
importing the same file twice never duplicates rooms. 待定场地 is 是/否 (empty: 否).
"""

from careers.core.bulk import save_with_history
from careers.core.imports import (
    OPTIONAL,
    REQUIRED,
    ImportField,
    ImportSpec,
    RowResult,
    register,
)

from .models import Venue

YES = {"是", "y", "yes", "true", "1", "待定"}
NO = {"否", "n", "no", "false", "0", ""}
TEXT_LIMITS = {"name": 100, "address": 200, "equipment": 300, "note": 300}
UPDATE_FIELDS = ("address", "capacity", "equipment", "is_placeholder", "note")
LABELS = {"address": "地址", "capacity": "容纳人数", "equipment": "设备", "is_placeholder": "待定场地", "note": "备注"}


def parse_capacity(value):
    """'300', '300人', '300.0' -> 300; None when it is not a whole number from 1 to 100000."""
    text = str(value).strip().removesuffix("人").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdecimal():  # not isdigit: '²' is a digit that int() refuses
        return None
    number = int(text)
    return number if 1 <= number <= 100_000 else None


def parse_flag(value):
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


@register
class VenueImport(ImportSpec):
    slug = "events.venue"
    label = "导入场地"
    permission = "events.venue.import"
    max_rows = 2000
    list_url_name = "events:venue_list"
    template_filename = "场地导入模板.xlsx"
    fields = [
        ImportField("name", "场地名称", REQUIRED, "同名场地将被更新", aliases=("名称", "场地")),
        ImportField("capacity", "容纳人数", REQUIRED, "整数，如 300", aliases=("人数", "容量")),
        ImportField("address", "地址", OPTIONAL),
        ImportField("equipment", "设备", OPTIONAL, "如：投影、音响、话筒"),
        ImportField("is_placeholder", "待定场地", OPTIONAL, "是 / 否，留空为否", choices=["否", "是"]),
        ImportField("note", "备注", OPTIONAL),
    ]

    def prepare(self, context, rows):
        context.cache["venues"] = {v.name: v for v in Venue.objects.all()}

    def clean_row(self, values, context):
        result = RowResult()
        for name, limit in TEXT_LIMITS.items():
            if len(values.get(name, "")) > limit:
                result.error(name, f"长度不能超过 {limit} 个字（现为 {len(values[name])} 个字）。")
        capacity = parse_capacity(values["capacity"])
        if capacity is None:
            result.error("capacity", f"容纳人数“{values['capacity']}”无效：请填写 1 到 100000 之间的整数。")
        flag = parse_flag(values.get("is_placeholder", ""))
        if flag is None:
            result.error("is_placeholder", f"待定场地“{values['is_placeholder']}”无效：请填写“是”或“否”。")
        earlier = context.first_seen(values["name"])
        if earlier is not None:
            result.error("name", f"与第 {earlier} 行的场地名称相同，请删除重复的行。")
        if not result.ok:
            return result
        payload = {"name": values["name"], "capacity": capacity, "address": values.get("address", ""),
                   "equipment": values.get("equipment", ""), "is_placeholder": flag, "note": values.get("note", "")}
        result.payload = payload
        existing = context.cache["venues"].get(values["name"])
        if existing is not None:
            payload["pk"] = existing.pk
            for name in UPDATE_FIELDS:
                old, new = getattr(existing, name), payload[name]
                if old != new:
                    result.changes[LABELS[name]] = [str(old), str(new)]
            result.action = "update" if result.changes else "skip"
        return result

    def commit(self, rows, context):
        creates, updates = [], {}
        for row in rows:
            p = dict(row.payload)
            if row.action == "skip":
                continue
            pk = p.pop("pk", None)
            if pk:
                updates[pk] = {k: p[k] for k in UPDATE_FIELDS}
            else:
                creates.append(Venue(**p))
        save_with_history(Venue, creates, updates, list(UPDATE_FIELDS), user=context.user)
