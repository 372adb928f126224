"""导入专业设置 (manual 2.1.2).

Decisions:
- 学历/学制/专业类别 may be given by name or code of the current code table.
- 校区 and 学院 must already exist (by name or code); an unknown one is an error that
  names the closest existing one. A 系别 missing under its 学院 is created on commit
  (the report says so as a warning): schools list departments only through majors.
- A row whose identity (学历+专业名称+校区+学院+系别+专业方向, Major.IDENTITY_FIELDS)
  matches an existing major updates its code/学制/专业类别, or is skipped when nothing
  changed, so re-importing a file never duplicates majors.
- 专业代码 must look like a catalogue code (4–6 digits, optional T/K letters); one not in
  the national catalogue for that 学历 is only a warning (schools have local codes).
"""

import re

from careers.codes.models import Code
from careers.codes.services import CATALOGUE_KINDS
from careers.core.bulk import save_with_history
from careers.core.imports import (
    OPTIONAL,
    REQUIRED,
    ImportField,
    ImportSpec,
    RowResult,
    register,
    unknown_value,
)
from careers.core.imports.spec import nearest

from .models import Campus, College, Department, Major

MAJOR_CODE = re.compile(r"^\d{4,6}[A-Z]{0,2}$")
CATALOGUE_LABELS = {"undergraduate": "国家本科专业目录", "vocational": "高职专科专业目录",
                    "graduate": "研究生学科专业目录"}
CODED = {"education_level": "学历", "duration": "学制", "discipline": "专业类别"}


CHINESE_DIGITS = dict(zip("一二三四五六七八九", "123456789"))


def duration_text(value):
    """“四年制”, “两年半”, “4.0” -> the duration code table's “4年” / “2.5年” / “4” forms."""
    text = "".join(CHINESE_DIGITS.get(ch, ch) for ch in value.replace("两", "2")).removesuffix("制")
    text = re.sub(r"^(\d+)年半$", r"\1.5年", text)
    return re.sub(r"^(\d+)\.0(年?)$", r"\1\2", text)


def code_names(kind):
    return lambda: list(Code.objects.of(kind).order_by("sort", "code").values_list("name", flat=True))


class CodeLookup:
    """Codes of one kind, found by name or by code."""

    def __init__(self, rows):
        self.names = {}
        self.by_value = {}
        for pk, code, name, extra in rows:
            self.names[pk] = name
            self.by_value.setdefault(name, (pk, extra))
            self.by_value.setdefault(code, (pk, extra))

    def find(self, value):
        return self.by_value.get(value, (None, None))


@register
class MajorImport(ImportSpec):
    slug = "org.major"
    label = "导入专业设置"
    permission = "org.major.import"
    max_rows = 5000
    list_url_name = "org:major_list"
    template_filename = "专业设置导入模板.xlsx"
    fields = [
        ImportField("education_level", "学历", REQUIRED, "填写名称（如“本科生”）或代码，可从下拉列表选择",
                    choices=code_names("education_level")),
        ImportField("name", "专业名称", REQUIRED, "须与学生数据中的专业名称完全一致"),
        ImportField("major_code", "专业代码", REQUIRED, "国家专业目录代码，如 080901、080910T", aliases=("代码",)),
        ImportField("duration", "学制", REQUIRED, "如“4年”或 4", choices=code_names("duration")),
        ImportField("discipline", "专业类别", REQUIRED, "学科门类，如“工学”", aliases=("学科门类",),
                    choices=code_names("discipline")),
        ImportField("campus", "校区", REQUIRED, "须为系统中已有的校区名称"),
        ImportField("college", "学院", REQUIRED, "须为系统中已有的学院名称", aliases=("院系",)),
        ImportField("department", "系别", OPTIONAL, "学院下还没有该系别时，导入时自动创建"),
        ImportField("specialization", "专业方向", OPTIONAL, "没有专业方向可留空"),
    ]

    # -- lookups, loaded once per run (a fixed number of queries whatever the row count) --
    def prepare(self, context, rows):
        cache = context.cache
        by_kind = {kind: [] for kind in CODED}
        for kind, *row in (Code.objects.filter(table__kind__in=list(CODED), table__is_current=True)
                           .order_by("sort", "code").values_list("table__kind", "pk", "code", "name", "extra")):
            by_kind[kind].append(row)
        cache["codes"] = {kind: CodeLookup(rows) for kind, rows in by_kind.items()}
        cache["campuses"] = self._named(Campus)
        cache["colleges"] = self._named(College)
        cache["college_names"] = dict(College.objects.values_list("pk", "name"))
        cache["departments"] = {(college, name): pk for pk, college, name in
                                Department.objects.values_list("pk", "college_id", "name")}
        cache["majors"] = {
            (level, name, campus, college, spec, dept): (pk, code, duration, discipline)
            for pk, level, name, campus, college, spec, dept, code, duration, discipline in Major.objects.values_list(
                "pk", "education_level_id", "name", "campus_id", "college_id", "specialization", "department_id",
                "major_code", "duration_id", "discipline_id")
        }
        catalogues = {}
        for kind, code in Code.objects.filter(table__kind__in=list(CATALOGUE_KINDS.values()),
                                              table__is_current=True).values_list("table__kind", "code"):
            catalogues.setdefault(kind, set()).add(code)
        cache["catalogues"] = catalogues

    @staticmethod
    def _named(model):
        lookup = {}
        for pk, name, code in model.objects.values_list("pk", "name", "code"):
            lookup.setdefault(name, pk)
            if code:
                lookup.setdefault(code, pk)
        return lookup

    # -- one row ---------------------------------------------------------------------
    def clean_row(self, values, context):
        cache = context.cache
        result = RowResult()
        coded = {}
        for name, what in CODED.items():
            value = duration_text(values[name]) if name == "duration" else values[name]
            if value:
                pk, extra = cache["codes"][name].find(value)
                if pk is None:
                    result.error(name, unknown_value(values[name], what, cache["codes"][name].names.values()))
                coded[name] = (pk, extra)
        campus = self._existing(result, "campus", "校区", values["campus"], cache["campuses"], "校区设置")
        college = self._existing(result, "college", "学院", values["college"], cache["colleges"], "学院设置")
        department = self._department(result, values["department"], college, cache)
        major_code = self._major_code(result, values["major_code"], coded.get("education_level"), cache)
        for name, limit in (("name", 100), ("specialization", 100), ("department", 64)):
            if len(values[name]) > limit:
                result.error(name, f"长度不能超过 {limit} 个字（现为 {len(values[name])} 个字）。")
        level = coded.get("education_level", (None, None))[0]
        identity_ok = result.ok or not {"name", "specialization", "department"} & set(result.errors)
        identity_ok = identity_ok and values["name"] and level and campus and college and (
            department or not values["department"])
        if not identity_ok:
            return result
        identity = (level, values["name"], campus, college, values["specialization"], department)
        earlier = context.first_seen(identity)
        if earlier is not None:
            result.error("name", f"与第 {earlier} 行是同一个专业（学历、专业名称、校区、学院、系别、专业方向均相同），请删除重复的行。")
            return result
        result.payload = {
            "education_level": level, "name": values["name"], "campus": campus, "college": college,
            "specialization": values["specialization"],
            "department": department if isinstance(department, int) else None,
            "new_department": values["department"] if isinstance(department, tuple) else "",
            "major_code": major_code, "duration": coded.get("duration", (None,))[0],
            "discipline": coded.get("discipline", (None,))[0],
        }
        existing = cache["majors"].get(identity) if not isinstance(department, tuple) else None
        if existing is not None and result.ok:
            self._compare(result, existing, cache)
        return result

    def _existing(self, result, name, what, value, lookup, menu):
        if not value:
            return None
        pk = lookup.get(value)
        if pk is None:
            names = [k for k in lookup if not k.isascii()] or list(lookup)
            guess = nearest(value, names, cutoff=0.3)
            hint = f"最接近的是“{guess}”" if guess else f"现有{what}：{'、'.join(names[:8]) or '（无）'}"
            result.error(name, f"{what}“{value}”不存在，{hint}。请改正名称，或先在“{menu}”中添加。")
        return pk

    def _department(self, result, value, college, cache):
        """An existing department id, ("new", name) when it will be created, or None."""
        if not value or college is None:
            return None
        pk = cache["departments"].get((college, value))
        if pk is not None:
            return pk
        result.warn(f"系别“{value}”在学院“{cache['college_names'].get(college, '')}”下还不存在，导入时将自动创建。")
        return ("new", value)

    def _major_code(self, result, value, level, cache):
        if not value:
            return ""
        code = value.upper()
        if not MAJOR_CODE.match(code):
            result.error("major_code", f"“{value}”不是有效的专业代码：应为 4～6 位数字，可带 T、K 等字母后缀，如 080901、080910T。")
            return code
        catalogue_key = ((level or (None, None))[1] or {}).get("catalogue", "")
        catalogue = cache["catalogues"].get(CATALOGUE_KINDS.get(catalogue_key, ""), set())
        if not catalogue or code in catalogue or (catalogue_key == "graduate" and code[:4] in catalogue):
            return code
        if re.match(r"^\d{5}[A-Z]{0,2}$", code) and f"0{code}" in catalogue:
            result.warn(f"专业代码“{value}”可能被 Excel 去掉了开头的 0，已按“0{code}”处理。")
            return f"0{code}"
        result.warn(f"专业代码“{code}”不在{CATALOGUE_LABELS.get(catalogue_key, '国家专业目录')}中，请核对（仍可导入）。")
        return code

    def _compare(self, result, existing, cache):
        pk, code, duration, discipline = existing
        payload = result.payload
        payload["pk"] = pk
        names = {**cache["codes"]["duration"].names, **cache["codes"]["discipline"].names}
        for label, old, new in (("专业代码", code, payload["major_code"]),
                                ("学制", names.get(duration, ""), names.get(payload["duration"], "")),
                                ("专业类别", names.get(discipline, ""), names.get(payload["discipline"], ""))):
            if old != new:
                result.changes[label] = [old, new]
        result.action = "update" if result.changes else "skip"

    # -- write -----------------------------------------------------------------------
    def commit(self, rows, context):
        departments = {}
        for row in rows:
            name = row.payload["new_department"]
            if name:
                key = (row.payload["college"], name)
                if key not in departments:
                    departments[key], _ = Department.objects.get_or_create(college_id=key[0], name=name)
        creates, updates = [], {}
        for row in rows:
            p = row.payload
            department = departments[(p["college"], p["new_department"])].pk if p["new_department"] else p["department"]
            values = {"major_code": p["major_code"], "duration_id": p["duration"], "discipline_id": p["discipline"]}
            if row.action == "update":
                updates[p["pk"]] = values
            else:
                creates.append(Major(education_level_id=p["education_level"], name=p["name"], campus_id=p["campus"],
                                     college_id=p["college"], department_id=department,
                                     specialization=p["specialization"], **values))
        save_with_history(Major, creates, updates, ["major_code", "duration", "discipline"], user=context.user)
