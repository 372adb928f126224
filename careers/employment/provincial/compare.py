"""Compare the provincial system's employment export with our approved employment records.

1. `read_provincial` reads the upload with the shared import readers (xlsx/xls/csv, UTF-8 or
   GBK, content sniffing) and checks the header row against format.COLUMNS: a file in another
   layout raises LayoutError naming the missing and unknown columns, before anything else.
2. `compare` loads our side in one query (the admin's scope only, `restrict`), matches every
   row to a student by 身份证号 (fallback 考生号) and compares column by column: codes by
   code value, texts by normalised text, dates by value. The approved values are the model's
   own fields; pending (unreviewed) changes are never compared.

The result is plain JSON (kept as the comparison Job's result file, see jobs.py):
    {"year", "counts": {status: n, "rows": file rows}, "rows": [row, ...]}
where a row is {"n": Excel row or None, "s": status, "sid": student pk (ours only),
"no": 学号, "id", "cn", "name", "d": [[column, provincial value, our value], ...],
"r": reason, "p": has pending changes, "by": "candidate" when matched by 考生号}.
A row that matches no student of ours in scope says only OUT_OF_REACH and shows only what the
uploaded file itself contains, so nothing about other colleges' students leaks.
"""

import datetime
import re

from careers.codes.models import Code
from careers.core.exports import FORMULA_PREFIXES
from careers.core.imports.readers import ImportFileError, read_table
from careers.core.review import ReviewStatus
from careers.core.text import normalize_spaces
from careers.core.validators import normalise
from careers.students.records.importers import check_id_number

from ..models import EmploymentRecord
from .format import (
    CANDIDATE,
    CODE,
    COLUMNS,
    DATE,
    ID,
    IGNORED_HEADERS,
    LABELS,
    NAME,
    TEXT,
)

ACTION = "provincial"
PERMISSION = f"employment.employmentrecord.{ACTION}"
MAX_ROWS = 60_000

SAME, DIFFERENT, NOT_IN_PROVINCE, NOT_OURS, ERROR = "same", "different", "not_in_province", "not_ours", "error"
STATUS_LABELS = {
    DIFFERENT: "不一致",
    NOT_IN_PROVINCE: "省系统无此学生",
    NOT_OURS: "本系统无此学生",
    ERROR: "数据有误",
    SAME: "一致",
}
OUT_OF_REACH = "不在您管辖范围内或本系统无此学生"
ABSENT = "省系统文件中没有该学生"
PENDING_NOTE = "该学生有待审核的修改，比较使用的是已审核的数据"

_ID, _CANDIDATE = LABELS.index("身份证号"), LABELS.index("考生号")
_NAME, _DATE = LABELS.index("姓名"), LABELS.index("落实日期")
# Our side, one tuple per record: these, then one value per column in COLUMNS order.
OUR_PATHS = ("student_id", "student__student_number", "student__is_active", "review_status")
_OFFSET = len(OUR_PATHS)


class LayoutError(ImportFileError):
    """The file is not in the provincial layout; nothing was compared."""


# -- reading ------------------------------------------------------------------------------
def _header_key(text):
    return normalize_spaces(text).replace(" ", "").strip("*＊")


def column_index(headers):
    """{column label: index in the row} or LayoutError naming the missing/unknown columns."""
    names = {name: column.label for column in COLUMNS for name in (column.label, *column.aliases)}
    found, unknown = {}, []
    for position, header in enumerate(headers):
        key = _header_key(header)
        if key in IGNORED_HEADERS:
            continue
        label = names.get(key)
        if label is None:
            unknown.append(header)
        elif label in found:
            raise LayoutError(f"第 {found[label] + 1} 列和第 {position + 1} 列都是“{label}”，请删除其中一列后重新上传。"
                              "本次未做任何比对。")
        else:
            found[label] = position
    missing = [label for label in LABELS if label not in found]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("缺少列：" + "、".join(f"“{name}”" for name in missing))
        if unknown:
            parts.append("无法识别的列：" + "、".join(f"“{name}”" for name in unknown))
        raise LayoutError("该文件不是省系统就业信息格式（" + "；".join(parts) + "）。请上传从省毕业生就业管理系统"
                          "导出的就业信息表，表头应为：" + "、".join(LABELS) + "（顺序不限，可另有“序号”列）。"
                          "本次未做任何比对。")
    return found


def read_provincial(data, filename):
    """(Sheet, column index) of an upload, or ImportFileError / LayoutError with the reason."""
    sheet = read_table(data, filename, max_rows=MAX_ROWS)
    return sheet, column_index(sheet.headers)


# -- value normalisation --------------------------------------------------------------------
def _unquote(value):
    """Drop the ' our export puts before text starting with = + - @ (formula protection)."""
    if value[:1] == "'" and value[1:2] and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def text_key(value):
    return normalize_spaces(value)


def code_key(value):
    """A code as compared: no spaces, upper case; digits as a number ("01" == "1")."""
    value = (value or "").replace(" ", "").replace("\u3000", "").upper()
    if value.isdecimal():
        return value.lstrip("0") or "0"
    return value


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(text):
    """A 落实日期 cell → date or None (empty); ValueError with the reason otherwise."""
    text = normalize_spaces(text)
    if not text:
        return None
    match = _DATE_TEXT.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        if re.fullmatch(r"\d{5}(\.\d+)?", text):
            raise ValueError(f"“{text}”不是日期（可能是 Excel 把日期显示成了数字），请按 YYYY-MM-DD 填写，如 2026-06-30。")
        raise ValueError(f"“{text}”不是有效的日期，请按 YYYY-MM-DD 填写，如 2026-06-30。")
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(f"“{text}”不是存在的日期，请核对年月日。") from None


# -- our side -------------------------------------------------------------------------------
def our_records(user, year):
    """Every employment record of `year` the user may compare, as tuples (one query)."""
    queryset = (EmploymentRecord.objects.restrict(user, ACTION).filter(student__graduation_year=year)
                .order_by("student__student_number"))
    return list(queryset.values_list(*OUR_PATHS, *(column.path for column in COLUMNS)))


def _lookups(records):
    by_id, by_candidate, repeated = {}, {}, set()
    for record in records:
        by_id[(record[_OFFSET + _ID] or "").upper()] = record
        candidate = (record[_OFFSET + _CANDIDATE] or "").strip()
        if candidate:
            if candidate in by_candidate:
                repeated.add(candidate)
            by_candidate[candidate] = record
    for candidate in repeated:  # an ambiguous 考生号 matches nobody
        del by_candidate[candidate]
    return by_id, by_candidate


def _ours_display(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# -- the comparison -------------------------------------------------------------------------
def _differences(values, provincial_date, record, matched_by_id):
    diffs = []
    for position, column in enumerate(COLUMNS):
        theirs, ours = values[position], record[_OFFSET + position]
        kind = column.kind
        if kind == ID:
            differs = not matched_by_id and theirs.upper() != (ours or "").upper()
        elif kind == CANDIDATE:
            differs = bool(theirs and ours) and theirs != ours
        elif kind in (TEXT, NAME):
            differs = text_key(theirs) != text_key(ours or "")
        elif kind == CODE:
            differs = code_key(theirs) != code_key(ours)
        elif kind == DATE:
            differs = provincial_date != ours
            theirs = provincial_date.isoformat() if provincial_date else theirs
        else:  # pragma: no cover - a new column kind must say how it compares
            raise ValueError(kind)
        if differs:
            diffs.append([column.label, text_key(theirs), _ours_display(ours)])
    return diffs


def _bad_row(number, values, errors):
    return {"n": number, "s": ERROR, "id": values[_ID], "cn": values[_CANDIDATE], "name": values[_NAME],
            "r": "；".join(f"「{label}」{reason}" for label, reason in errors)}


def compare_row(number, values, lookups, matched, year):
    """One file row → a result row; `matched` (student pk → row number) is updated."""
    by_id, by_candidate = lookups
    errors = []
    id_number, candidate = normalise(values[_ID]).upper(), normalise(values[_CANDIDATE])
    values[_ID], values[_CANDIDATE] = id_number, candidate
    if id_number:
        try:
            id_number = check_id_number(id_number)[0]
        except ValueError as exc:
            errors.append(("身份证号", str(exc)))
    elif not candidate:
        errors.append(("身份证号", "身份证号和考生号都为空，无法确定是哪位学生。"))
    try:
        placed_on = parse_date(values[_DATE])
    except ValueError as exc:
        errors.append(("落实日期", str(exc)))
    if errors:
        return _bad_row(number, values, errors)
    record = by_id.get(id_number) if id_number else None
    matched_by_id = record is not None
    if record is None and candidate:
        record = by_candidate.get(candidate)
    if record is None:
        return {"n": number, "s": NOT_OURS, "id": id_number, "cn": candidate, "name": text_key(values[_NAME]),
                "r": f"{OUT_OF_REACH}（{year}届）"}
    student = record[0]
    if student in matched:
        how = "身份证号" if matched_by_id else "考生号"
        return _bad_row(number, values, [(how, f"与第 {matched[student]} 行是同一名学生，请删除重复的行。")])
    matched[student] = number
    diffs = _differences(values, placed_on, record, matched_by_id)
    row = {"n": number, "s": DIFFERENT if diffs else SAME, "sid": student, "no": record[1],
           "id": record[_OFFSET + _ID], "cn": record[_OFFSET + _CANDIDATE] or "", "name": record[_OFFSET + _NAME],
           "d": diffs}
    if not matched_by_id:
        row["by"] = "candidate"
    if record[3] == ReviewStatus.PENDING:
        row["p"] = True
    return row


def compare(sheet, index, user, year, progress=None):
    """The whole comparison of a parsed provincial sheet with our records of `year`."""
    records = our_records(user, year)
    lookups = _lookups(records)
    positions = [index[label] for label in LABELS]
    total = sheet.row_count
    rows, matched = [], {}
    for done, (number, cells) in enumerate(sheet.rows, start=1):
        values = [_unquote(cells[position].strip()) for position in positions]
        rows.append(compare_row(number, values, lookups, matched, year))
        if progress and (done % 500 == 0 or done == total):
            progress(done, total, f"已比对 {done}/{total} 行")
    for record in records:
        if record[0] not in matched and record[2]:  # active students only: 在读 graduates
            rows.append({"n": None, "s": NOT_IN_PROVINCE, "sid": record[0], "no": record[1],
                         "id": record[_OFFSET + _ID], "cn": record[_OFFSET + _CANDIDATE] or "",
                         "name": record[_OFFSET + _NAME], "d": [], "r": ABSENT})
    add_code_names(rows)
    counts = {status: 0 for status in STATUS_LABELS}
    for row in rows:
        counts[row["s"]] += 1
    counts["rows"] = total
    return {"year": year, "counts": counts, "rows": rows}


def add_code_names(rows):
    """Show "10 签就业协议形式就业" rather than a bare code in the differences (one query per table)."""
    kinds = {column.label: column.code_kind for column in COLUMNS if column.code_kind}
    wanted = {}
    for row in rows:
        for diff in row.get("d", ()):
            kind = kinds.get(diff[0])
            if kind:
                wanted.setdefault(kind, set()).update(value for value in diff[1:] if value)
    names = {kind: dict(Code.objects.of(kind).filter(code__in=codes).values_list("code", "name"))
             for kind, codes in wanted.items()}
    for row in rows:
        for diff in row.get("d", ()):
            known = names.get(kinds.get(diff[0]), {})
            for position in (1, 2):
                name = known.get(diff[position])
                if name:
                    diff[position] = f"{diff[position]} {name}"
