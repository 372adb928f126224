"""导入学生档案信息 (manual 2.8).

Decisions:
- One archive record per student, found by 学号; re-importing a file updates the record
  (or skips it when nothing changed), so running the same file twice writes nothing new.
- A 学号 outside the importer's managed majors only gets "不在您管辖的专业范围内":
  never the student's name, major or existing archive.
- 姓名, when given, must match the record: it catches a shifted row in the sheet.
- 寄送日期 accepts 2026-07-01, 2026/7/1, 2026.7.1, 2026年7月1日 and 20260701.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from careers.core import validators
from careers.core.bulk import save_with_history
from careers.core.imports import (
    MATCH_REQUIRED,
    OPTIONAL,
    REQUIRED,
    ImportField,
    ImportSpec,
    RowResult,
    register,
)
from careers.core.scoping import scope_filter
from careers.students import neutral
from careers.students.models import Student

from .models import ArchiveRecord

DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+00:00(?::00)?)?$")
TEXT_FIELDS = ("transfer_unit", "receiving_unit", "receiving_address", "postal_code", "tracking_number", "note")


def parse_date(value):
    """A date, or None when `value` is not a real date in a form we accept."""
    text = value.strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = DATE.match(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


@register
class ArchiveImport(ImportSpec):
    slug = "studentfiles.archiverecord"
    label = "导入学生档案信息"
    permission = "studentfiles.archiverecord.import"
    max_rows = 5000
    list_url_name = "studentfiles:archiverecord_list"
    template_filename = "学生档案信息导入模板.xlsx"
    fields = [
        ImportField("student_number", "学号", REQUIRED, "须为系统中已有的学生学号"),
        ImportField("name", "姓名", OPTIONAL, "填写时须与学号对应的学生姓名一致，用于核对"),
        ImportField("transfer_unit", "档案转递单位", OPTIONAL, "如“XX大学学生工作处”", aliases=("转递单位",)),
        ImportField("receiving_unit", "接收单位", REQUIRED, "档案接收单位全称", aliases=("档案接收单位",)),
        ImportField("receiving_address", "接收地址", MATCH_REQUIRED, "档案接收单位的详细地址", aliases=("地址",)),
        ImportField("postal_code", "邮编", OPTIONAL, "6 位数字", aliases=("邮政编码",)),
        ImportField("tracking_number", "机要号/快递单号", MATCH_REQUIRED, "机要通信编号或快递单号",
                    aliases=("机要号", "快递单号", "机要编号")),
        ImportField("sent_date", "寄送日期", MATCH_REQUIRED, "如 2026-07-01", aliases=("寄出日期", "寄送时间")),
        ImportField("note", "备注", OPTIONAL),
    ]

    def prepare(self, context, rows):
        numbers = {values["student_number"] for _, values in rows if values["student_number"]}
        students = Student.objects.filter(student_number__in=numbers)
        context.cache["students"] = {number: (pk, name) for number, pk, name in
                                     students.values_list("student_number", "pk", "name")}
        context.cache["in_scope"] = set(scope_filter(students, context.user).values_list("pk", flat=True))
        context.cache["archives"] = {
            row["student_id"]: row for row in ArchiveRecord.objects.filter(student__in=students).values(
                "pk", "student_id", "sent_date", *TEXT_FIELDS)
        }

    def clean_row(self, values, context):
        cache = context.cache
        result = RowResult()
        number = values["student_number"]
        lengths = {f.name: ArchiveRecord._meta.get_field(f.name).max_length for f in self.fields
                   if f.name in TEXT_FIELDS}
        for name, limit in lengths.items():
            if len(values[name]) > limit:
                result.error(name, f"长度不能超过 {limit} 个字（现为 {len(values[name])} 个字）。")
        if values["postal_code"]:
            try:
                values["postal_code"] = validators.validate_postal_code(values["postal_code"])
            except ValidationError as exc:
                result.error("postal_code", exc.messages[0])
        sent_date = None
        if values["sent_date"]:
            sent_date = parse_date(values["sent_date"])
            if sent_date is None:
                result.error("sent_date", f"“{values['sent_date']}”不是有效的日期，请填写如 2026-07-01 的日期。")
            elif sent_date > timezone.localdate() + datetime.timedelta(days=31):
                result.error("sent_date", f"寄送日期 {sent_date:%Y-%m-%d} 晚于今天一个月以上，请核对。")
        if not number:
            return result
        earlier = context.first_seen(number)
        if earlier is not None:
            result.error("student_number", f"学号“{number}”与第 {earlier} 行重复，每位学生只能有一行档案信息，请删除重复的行。")
            return result
        student = cache["students"].get(number)
        if student is None:
            result.error("student_number", neutral.not_found(number))
            return result
        pk, name = student
        if pk not in cache["in_scope"]:
            result.error("student_number", neutral.not_found(number))  # the same words: existence is not told
            return result
        if values["name"] and values["name"] != name:
            result.error("name", f"姓名“{values['name']}”与学号“{number}”的学生姓名不一致，请核对是否错行。")
        result.payload = {"student": pk, "sent_date": sent_date.isoformat() if sent_date else None,
                          **{name: values[name] for name in TEXT_FIELDS}}
        existing = cache["archives"].get(pk)
        if existing is not None and result.ok:
            self._compare(result, existing)
        return result

    def _compare(self, result, existing):
        payload = result.payload
        payload["pk"] = existing["pk"]
        old_date = existing["sent_date"].isoformat() if existing["sent_date"] else None
        pairs = [(name, existing[name], payload[name]) for name in TEXT_FIELDS]
        pairs.append(("sent_date", old_date, payload["sent_date"]))
        for name, old, new in pairs:
            if (old or "") != (new or ""):
                result.changes[str(ArchiveRecord._meta.get_field(name).verbose_name)] = [old or "", new or ""]
        result.action = "update" if result.changes else "skip"

    def commit(self, rows, context):
        creates, updates = [], {}
        for row in rows:
            p = row.payload
            values = {name: p[name] for name in TEXT_FIELDS}
            values["sent_date"] = datetime.date.fromisoformat(p["sent_date"]) if p["sent_date"] else None
            if row.action == "update":
                updates[p["pk"]] = values
            else:
                creates.append(ArchiveRecord(student_id=p["student"], **values))
        save_with_history(ArchiveRecord, creates, updates, [*TEXT_FIELDS, "sent_date"], user=context.user)
