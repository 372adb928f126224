"""导入学生基本信息 (manual 2.2.1) on the shared import pipeline.

Decisions:
- 学号, 姓名, 身份证号, 考生号, 毕业年份, 入学年份 must have values; the other 必填 columns
  must be matched but may be empty, except that 学历/专业名称/校区/学院 are needed to find
  the major (学历+专业名称+校区+学院+系别+专业方向, compared after normalize_spaces).
- Coded fields accept the name, the code or a common short form (“本科”, “团员”, “汉”).
- 生源地 accepts a 6-digit region code, a full name or a unique single name; anything
  else is an error that suggests codes.
- An existing student (same 学号 or 身份证号) is never changed by an import: the same
  student in the same year and major is “无变化” (so re-running a file is harmless);
  anything else is “已有该学生数据” with what to do. Students outside the importer's
  managed majors are reported without any of their data.
- Lookups are loaded once (a fixed number of queries); commit goes through
  `create_students` (account, record, dispatch, employment; no password hashing).
- The lookups' raw rows are the spec's `inputs`: when they are unchanged since the check, the
  commit writes the check's results without validating every row again (core/imports/reuse.py).
"""

import datetime
import re

from django.core.exceptions import ValidationError

from careers.codes.models import Code
from careers.core import validators
from careers.core.imports import (
    MATCH_REQUIRED,
    OPTIONAL,
    REQUIRED,
    ImportField,
    ImportSpec,
    RowResult,
    register,
)
from careers.core.bulk import in_values, instances_like, pks_matching
from careers.core.imports.spec import nearest, unknown_value
from careers.core.scoping import scope_filter, sees_all_majors
from careers.core.text import normalize_spaces
from careers.org.importers import code_names
from careers.org.models import Major

from ..actions import active_status, create_students
from .. import neutral
from ..models import Student

# -- lookups -----------------------------------------------------------------------------
CODED_KINDS = ("education_level", "gender", "ethnicity", "political_status", "training_mode")
REGION_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
REGION_SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|盟|旗)$")
NO_VALUE = "无"


class CodeLookup:
    """Codes of one kind found by name, code, short name, or a name without its last character
    (“汉” for “汉族”); `names` keeps the display order for messages."""

    def __init__(self, rows):
        self.names = []
        self.label_of = {}
        self.by_value = {}
        aliases = {}
        for pk, code, name, extra in rows:
            self.names.append(name)
            self.label_of[pk] = name
            self.by_value.setdefault(name, pk)
            self.by_value.setdefault(code, pk)
            short = (extra or {}).get("short_name")
            if short:
                aliases.setdefault(short, set()).add(pk)
            if len(name) >= 2 and name.endswith("族"):
                aliases.setdefault(name[:-1], set()).add(pk)
        for alias, pks in aliases.items():
            if len(pks) == 1:
                self.by_value.setdefault(alias, next(iter(pks)))

    def find(self, value):
        return self.by_value.get(value)


def code_rows():
    """[(kind, pk, code, name, extra)] of the coded student fields, in one query (pk breaks ties between kinds)."""
    return list(Code.objects.filter(table__kind__in=CODED_KINDS, table__is_current=True)
                .order_by("sort", "code", "pk").values_list("table__kind", "pk", "code", "name", "extra"))


def load_codes(rows):
    """{kind: CodeLookup} for the coded student fields, from code_rows()."""
    by_kind = {kind: [] for kind in CODED_KINDS}
    for kind, *row in rows:
        by_kind[kind].append(row)
    return {kind: CodeLookup(found) for kind, found in by_kind.items()}


def short_region(name):
    return REGION_SUFFIX.sub("", name) if len(name) > 2 else name


class RegionLookup:
    """生源地 by 6-digit code, full name (“广东省深圳市南山区”, also without the city) or a single
    name (“南山区”) when that name is unique; otherwise a message with candidate codes."""

    def __init__(self, rows):
        rows = list(rows)  # (pk, code, name, parent_id)
        by_pk = {pk: (code, name, parent) for pk, code, name, parent in rows}
        self.by_code = {code: pk for pk, code, _, _ in rows}
        self.full = {}
        self.by_alias = {}
        self.by_name = {}
        self.chains = []
        for pk, code, name, _ in rows:
            chain, node = [], pk
            while node is not None and node in by_pk and len(chain) < 4:
                _, part, node = by_pk[node]
                if part not in REGION_PLACEHOLDERS and (not chain or chain[0] != part):
                    chain.insert(0, part)
            self.full[pk] = "".join(chain)
            self.chains.append((pk, [short_region(part) for part in chain]))
            for alias in {"".join(chain), "".join(chain[:1] + chain[-1:]), "".join(chain[-2:])}:
                self.by_alias.setdefault(alias, set()).add(pk)
            self.by_name.setdefault(name, set()).add(pk)
        self.code_of = {pk: code for pk, code, _, _ in rows}
        self._cache = {}

    def label(self, pk):
        return f"{self.code_of[pk]} {self.full[pk]}"

    def find(self, value):
        """(pk, None) or (None, message)."""
        if value not in self._cache:
            self._cache[value] = self._find(value)
        return self._cache[value]

    def _find(self, value):
        text = value.replace(" ", "")
        if re.fullmatch(r"\d{6}", text):
            if text in self.by_code:
                return self.by_code[text], None
            return None, f"“{value}”不是有效的行政区划代码。" + self._suggest_by_prefix(text)
        for lookup in (self.by_alias, self.by_name):
            found = lookup.get(text)
            if found and len(found) == 1:
                return next(iter(found)), None
            if found:
                return None, self._ambiguous(value, found)
        return None, self._unknown(value, text)

    def _ambiguous(self, value, pks):
        shown = sorted(pks, key=lambda pk: self.code_of[pk])
        options = "、".join(self.label(pk) for pk in shown[:6]) + (f" 等 {len(shown)} 个" if len(shown) > 6 else "")
        return (f"生源地“{value}”对应多个地区：{options}。请填写完整名称（如“{self.full[shown[0]]}”）"
                f"或 6 位地区代码。")

    def _unknown(self, value, text):
        # regions whose names (without 省/市/区/县) all appear in the value, the deepest first
        best, best_score = [], 0
        for pk, parts in self.chains:
            if parts and all(part and part in text for part in parts):
                score = len(parts)
                if score > best_score:
                    best, best_score = [pk], score
                elif score == best_score:
                    best.append(pk)
        message = f"生源地“{value}”与地区代码不一致，请按“代码管理－地区代码”中的名称填写（如“广东省深圳市南山区”）或填写 6 位地区代码"
        if best:
            options = "、".join(f"“{self.full[pk]}”（代码 {self.code_of[pk]}）" for pk in best[:3])
            return f"{message}。您是否要填{options}？"
        return message + "。"

    def _suggest_by_prefix(self, code):
        for prefix in (code[:4] + "00", code[:2] + "0000"):
            pk = self.by_code.get(prefix)
            if pk is not None:
                return f"上级地区为 {self.label(pk)}，请核对后几位。"
        return "请在“代码管理－地区代码”中查询。"


def region_rows():
    return list(Code.objects.of("region").values_list("pk", "code", "name", "parent_id"))


def load_regions(rows):
    return RegionLookup(rows)


MAJOR_PARTS = (  # (row field, label, what to call its values in messages)
    ("education_level", "学历", "学历"),
    ("major_name", "专业名称", "专业名称"),
    ("campus", "校区", "校区"),
    ("college", "学院", "学院"),
    ("department", "系别", "系别"),
    ("specialization", "专业方向", "方向"),
)


class MajorLookup:
    """专业设置 by 学历+专业名称+校区+学院+系别+专业方向, compared after normalize_spaces;
    when nothing matches exactly, says which field differs and what 专业设置 has there."""

    def __init__(self, rows):
        self.majors = []  # (pk, is_active, key)
        self.by_key = {}
        for pk, level, name, campus, college, department, specialization, active in rows:
            key = (level, *(normalize_spaces(v or "") for v in (name, campus, college, department, specialization)))
            self.majors.append((pk, active, key))
            self.by_key.setdefault(key, (pk, active))
        self.names = sorted({key[1] for _, _, key in self.majors})
        self.name_set = set(self.names)
        self._cache = {}

    def find(self, key, level_names):
        """(pk, is_active, None) or (None, None, (field, message)); key holds the level's id."""
        if key not in self._cache:
            found = self.by_key.get(key)
            self._cache[key] = (*found, None) if found else (None, None, self._explain(key, level_names))
        return self._cache[key]

    def _explain(self, key, level_names):
        shown = lambda index, value: (level_names.get(value, "") if index == 0 else value) or NO_VALUE  # noqa: E731
        if key[1] not in self.name_set:
            guess = nearest(key[1], self.names, cutoff=0.4)
            hint = f"最接近的是“{guess}”" if guess else "请先在“专业设置”中添加该专业"
            return "major_name", f"专业设置中没有名为“{key[1]}”的专业，{hint}。"
        for index in reversed(range(len(MAJOR_PARTS))):
            others = [m for m in self.majors if all(m[2][i] == key[i] for i in range(len(key)) if i != index)]
            if not others:
                continue
            field, _, what = MAJOR_PARTS[index]
            options = sorted(dict.fromkeys(shown(index, m[2][index]) for m in others), key=lambda o: o == NO_VALUE)
            typed = shown(index, key[index])
            value = f"“{typed}”" if key[index] else "为空"
            # the report puts "「label」：" in front, as for every other field
            message = f"{value}与专业设置不一致，该专业在专业设置中的{what}有：{'、'.join(options[:8])}"
            guess = nearest(typed, options) if key[index] else None
            return field, message + (f"。您是否要填“{guess}”？" if guess and guess != NO_VALUE else "。")
        same_name = [m for m in self.majors if m[2][1] == key[1]]
        # the same-named major closest to the row: the most equal fields, then list what differs
        best = max(same_name, key=lambda m: sum(a == b for a, b in zip(m[2], key)))
        differ = [MAJOR_PARTS[i][1] for i in range(len(key)) if best[2][i] != key[i]]
        expected = "/".join(shown(i, best[2][i]) for i in range(len(key)))
        return "major_name", (f"与专业设置不一致：{'、'.join(differ)}不同。专业设置中最接近的是"
                              f"“{expected}”（学历/专业名称/校区/学院/系别/专业方向），请核对。")


def major_rows():
    return list(Major.objects.order_by(*Major._meta.ordering, "pk").values_list(
        "pk", "education_level_id", "name", "campus__name", "college__name", "department__name", "specialization",
        "is_active"))


def load_majors(rows):
    return MajorLookup(rows)


# -- field checks ------------------------------------------------------------------------
STUDENT_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]*$")
PLAIN_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
YEAR_RANGE = (1950, 2100)
LIMITS = {"student_number": 32, "name": 64, "candidate_number": 20, "sponsor_unit": 200, "home_address": 200,
          "email": 254}
GENDER_NAMES = {"1": "男", "2": "女"}


def scientific(value, what):
    return (f"“{value}”是被 Excel 转成科学计数法的数字，{what}已丢失末尾几位。请把该列设置为“文本”格式，"
            "重新填写后再导入。")


def parse_year(value):
    """(year or None, warning or error text). Accepts 2027, 2027.0 and dates typed as text."""
    match = PLAIN_YEAR.match(value)
    if match:
        return int(match.group(1)), None
    match = DATE_TEXT.match(value)
    if match:
        year = int(match.group(1))
        return year, f"“{value}”是日期，已按年份 {year} 处理。"
    if re.fullmatch(r"\d{5}(\.0+)?", value):
        return None, f"“{value}”不是年份（可能是 Excel 把日期显示成了数字），请直接填写 4 位年份，如 2027。"
    return None, f"“{value}”不是年份，请填写 4 位数字年份，如 2027。"


def check_id_number(value):
    """(normalised number, birth date, sex digit "1"/"2") or raises ValueError with the reason.

    The shared rule (careers.core.validators); only Excel's scientific notation gets its own message here.
    """
    if SCIENTIFIC.match(validators.normalise(value)):
        raise ValueError(scientific(value, "身份证号"))
    try:
        number = validators.validate_id_number(value)
    except ValidationError as exc:
        raise ValueError(f"“{value}”不是有效的身份证号：{exc.messages[0].removeprefix('身份证号')}") from None
    return number, validators.id_number_birth_date(number), validators.id_number_sex(number)


def checked(validate, value):
    """(normalised value or None, note): the note says how a value was rewritten, or why it was refused."""
    try:
        clean = validate(value)
    except ValidationError as exc:
        return None, exc.messages[0]
    return clean, (f"已按“{clean}”处理。" if clean != value else None)


def clean_phone(value):
    """(11-digit mobile or None, note)."""
    return checked(validators.validate_mobile, value)


def clean_email(value):
    return checked(validators.validate_email, value)


def clean_postal_code(value):
    return checked(validators.validate_postal_code, value)


@register
class StudentImport(ImportSpec):
    slug = "students.student"
    label = "导入学生基本信息"
    permission = "students.student.import"
    max_rows = 5000
    list_url_name = "students:student_list"
    template_filename = "学生基本信息导入模板.xlsx"
    fields = [
        ImportField("student_number", "学号", REQUIRED, "作为学生登录账号，只能包含字母、数字、“-”和“_”"),
        ImportField("name", "姓名", REQUIRED),
        ImportField("id_number", "身份证号", REQUIRED, "18 位居民身份证号，初始密码为其后 6 位；请设为文本格式",
                    aliases=("身份证号码", "身份证")),
        ImportField("candidate_number", "考生号", REQUIRED, "即高考准考证号",
                    aliases=("准考证号", "考生号(准考证号)", "考生号（准考证号）", "准考证号(考生号)", "准考证号（考生号）",
                             "高考准考证号", "高考考生号")),
        ImportField("graduation_year", "毕业年份", REQUIRED, "4 位年份，如 2027", aliases=("毕业年度", "届别")),
        ImportField("enrolment_year", "入学年份", REQUIRED, "4 位年份，如 2023", aliases=("入学年度",)),
        ImportField("gender", "性别", MATCH_REQUIRED, "男或女；留空时按身份证号填写", choices=code_names("gender")),
        ImportField("education_level", "学历", MATCH_REQUIRED, "如“本科生”；用于匹配专业设置，实际不能为空",
                    aliases=("学历层次",), choices=code_names("education_level")),
        ImportField("major_name", "专业名称", MATCH_REQUIRED, "须与专业设置完全一致，实际不能为空", aliases=("专业",)),
        ImportField("campus", "校区", MATCH_REQUIRED, "须与专业设置一致，实际不能为空"),
        ImportField("college", "学院", MATCH_REQUIRED, "须与专业设置一致，实际不能为空", aliases=("院系", "学院名称")),
        ImportField("specialization", "专业方向", MATCH_REQUIRED, "须与专业设置一致；没有方向留空", aliases=("方向",)),
        ImportField("department", "系别", MATCH_REQUIRED, "须与专业设置一致；没有系别留空", aliases=("系",)),
        ImportField("ethnicity", "民族", MATCH_REQUIRED, "如“汉族”", choices=code_names("ethnicity")),
        ImportField("political_status", "政治面貌", MATCH_REQUIRED, "如“共青团员”",
                    choices=code_names("political_status")),
        ImportField("origin_region", "生源地", MATCH_REQUIRED, "地区全称（如“广东省深圳市南山区”）或 6 位地区代码",
                    aliases=("生源所在地", "生源地区", "生源地代码")),
        ImportField("training_mode", "培养方式", MATCH_REQUIRED, "如“非定向”", choices=code_names("training_mode")),
        ImportField("phone", "手机号码", MATCH_REQUIRED, "11 位手机号", aliases=("手机", "手机号", "联系电话")),
        ImportField("email", "电子邮箱", MATCH_REQUIRED, "如 zhangsan@example.com",
                    aliases=("邮箱", "email", "e-mail", "电子邮件")),
        ImportField("sponsor_unit", "定向/委培单位", OPTIONAL, "定向或委托培养时填写",
                    aliases=("定向委培单位", "定向单位", "委培单位")),
        ImportField("home_address", "家庭地址", OPTIONAL, aliases=("家庭住址",)),
        ImportField("postal_code", "邮政编码", OPTIONAL, "6 位数字", aliases=("邮编",)),
    ]

    # -- lookups, loaded once per run: a fixed number of queries whatever the row count -------
    def inputs(self, context, rows):
        """What clean_row reads besides the row's values, as the plain rows the queries return (the commit
        compares their digest with the check's, core/imports/reuse.py): codes, regions, majors, the user's
        scope and the students already there with the file's 学号 or 身份证号."""
        user = context.user
        numbers = sorted({values["student_number"] for _, values in rows if values["student_number"]})
        ids = sorted({validators.normalise(values["id_number"]).upper() for _, values in rows if values["id_number"]})
        found = sorted(pks_matching(Student, student_number=numbers, id_number=ids))
        existing = Student.objects.filter(in_values("pk", found)).order_by("pk").values(*EXISTING_FIELDS) if found \
            else []
        return {
            "codes": code_rows(),
            "regions": region_rows(),
            "majors": major_rows(),
            "scope": None if sees_all_majors(user) else sorted(  # None: school-wide; no user: no majors
                scope_filter(Major.objects.all(), user).values_list("pk", flat=True)),
            "existing": list(existing),
        }

    def prepare(self, context, rows):
        inputs = context.inputs(rows)
        cache = context.cache
        cache["codes"] = load_codes(inputs["codes"])
        cache["level_names"] = cache["codes"]["education_level"].label_of
        cache["regions"] = load_regions(inputs["regions"])
        cache["majors"] = load_majors(inputs["majors"])
        cache["scope"] = None if inputs["scope"] is None else set(inputs["scope"])
        by_number, by_id = {}, {}
        for existing in inputs["existing"]:
            by_number[existing["student_number"]] = existing
            by_id[existing["id_number"].upper()] = existing
        cache["by_number"], cache["by_id"] = by_number, by_id

    # -- one row -------------------------------------------------------------------------
    def clean_row(self, values, context):
        cache = context.cache
        result = RowResult()
        payload = {name: values[name] for name in TEXT_FIELDS}
        for name, limit in LIMITS.items():
            if len(values[name]) > limit:
                result.error(name, f"长度不能超过 {limit} 个字符（现为 {len(values[name])} 个）。")
        number = values["student_number"]
        if number and SCIENTIFIC.match(number):
            result.error("student_number", scientific(number, "学号"))
        elif number and not STUDENT_NUMBER.match(number):
            result.error("student_number", f"“{number}”含有不允许的字符：学号只能包含字母、数字、“-”和“_”。")
        self._codes(result, values, payload, cache)
        identity = self._id_number(result, values, payload)
        self._years(result, values, payload)
        self._contact(result, values, payload)
        major = self._major(result, values, cache)
        payload["major"] = major
        self._duplicates(result, values, payload, context)
        result.payload = payload
        if result.ok and identity:
            self._existing(result, payload, cache)
        return result

    def _id_number(self, result, values, payload):
        if not values["id_number"]:
            return False
        try:
            number, birth, sex = check_id_number(values["id_number"])
        except ValueError as exc:
            result.error("id_number", str(exc))
            return False
        payload["id_number"], payload["birth_date"] = number, birth.isoformat()
        gender = payload.get("gender")
        if gender and gender != sex:
            result.error("gender", f"身份证号显示为{GENDER_NAMES[sex]}性，但性别填写为{GENDER_NAMES[gender]}。")
        elif not values["gender"]:
            payload["gender"] = sex
            result.warn(f"「性别」未填写，已按身份证号填为“{GENDER_NAMES[sex]}”。")
        return True

    def _years(self, result, values, payload):
        for name in ("enrolment_year", "graduation_year"):
            if not values[name]:
                continue
            year, note = parse_year(values[name])
            if year is None:
                result.error(name, note)
            elif not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                result.error(name, f"“{values[name]}”不是合理的年份。")
            else:
                payload[name] = year
                if note:
                    result.warn(f"「{self.field(name).label}」{note}")
        start, end = payload.get("enrolment_year"), payload.get("graduation_year")
        if start and end and end < start:
            result.error("graduation_year", f"毕业年份 {end} 早于入学年份 {start}，请核对。")

    def _codes(self, result, values, payload, cache):
        for name in CODED_KINDS:
            value = values[name]
            payload[name] = None
            if not value:
                continue
            pk = cache["codes"][name].find(value)
            if pk is None:
                what = self.field(name).label
                message = unknown_value(value, what, cache["codes"][name].names)
                if name == "education_level":
                    message = f"学历应填写如“本科生”：{message}"
                result.error(name, message)
            elif name == "gender":
                payload[name] = "1" if value in ("1", "男") else "2"
            else:
                payload[name] = pk
        # the identity is checked again with the major below; 学历 is also its first part
        payload.pop("education_level")
        region = values["origin_region"]
        payload["origin_region"] = None
        if region:
            pk, message = cache["regions"].find(region)
            if pk is None:
                result.error("origin_region", message)
            else:
                payload["origin_region"] = pk

    def _contact(self, result, values, payload):
        for name, check in (("phone", clean_phone), ("email", clean_email), ("postal_code", clean_postal_code)):
            if not values[name]:
                continue
            clean, note = check(values[name])
            if clean is None:
                result.error(name, note)
            else:
                payload[name] = clean
                if note:
                    result.warn(f"「{self.field(name).label}」{note}")

    def _major(self, result, values, cache):
        missing = [name for name in ("education_level", "major_name", "campus", "college") if not values[name]]
        for name in missing:
            result.error(name, "不能为空：学历、专业名称、校区、学院用于匹配专业设置。")
        if missing or "education_level" in result.errors:
            return None
        level = cache["codes"]["education_level"].find(values["education_level"])
        key = (level, *(values[name] for name in ("major_name", "campus", "college", "department",
                                                  "specialization")))
        pk, active, problem = cache["majors"].find(key, cache["level_names"])
        if problem:
            result.error(*problem)
            return None
        if not active:
            result.error("major_name", "该专业在专业设置中已停用，不能导入学生。")
        elif cache["scope"] is not None and pk not in cache["scope"]:
            result.error("major_name", "专业不在您的管辖范围内，不能导入该专业的学生。")
        return pk

    def _duplicates(self, result, values, payload, context):
        for name, label, value in (("student_number", "学号", values["student_number"]),
                                   ("id_number", "身份证号", payload["id_number"])):
            if not value:
                continue
            earlier = context.first_seen((name, value))
            if earlier is not None:
                result.error(name, f"与第 {earlier} 行的{label}相同，同一文件中不能重复。")

    def _existing(self, result, payload, cache):
        """已有该学生数据: skip when the same student is already there, refuse otherwise."""
        found = [s for s in (cache["by_number"].get(payload["student_number"]),
                             cache["by_id"].get(payload["id_number"])) if s is not None]
        if not found:
            return
        scope = cache["scope"]
        field = "student_number" if found[0]["student_number"] == payload["student_number"] else "id_number"
        if any(scope is not None and s["major_id"] not in scope for s in found):
            label = "学号" if field == "student_number" else "身份证号"
            result.error(field, neutral.taken(label, payload[field] if field == "student_number" else ""))
            return
        existing = found[0]
        if len(found) == 2 and found[0]["pk"] != found[1]["pk"]:
            result.error(field, f"已有该学生数据：学号 {found[0]['student_number']} 与身份证号分别属于系统中两个不同的"
                                "学生，请核对。")
            return
        if existing["graduation_year"] != payload["graduation_year"]:
            result.error(field, f"已有该学生数据：该学生在 {existing['graduation_year']} 届（毕业年份 "
                                f"{existing['graduation_year']}）中。如为学籍异动学生，请在生源信息中找到该学生，"
                                f"用“转移数据”把毕业年份和专业改为 {payload['graduation_year']} 届。")
            return
        if (existing["student_number"], existing["id_number"].upper(), existing["major_id"]) != (
                payload["student_number"], payload["id_number"], payload["major"]):
            differ = [label for key, label in (("student_number", "学号"), ("id_number", "身份证号"),
                                               ("major_id", "专业"))
                      if str(existing[key]).upper() != str(payload[key if key != "major_id" else "major"]).upper()]
            result.error(field, f"已有该学生数据，但{'、'.join(differ)}与系统中的记录不同。导入不会修改已有学生，"
                                "请在生源信息中编辑该学生。")
            return
        result.action = "skip"
        result.payload = {"pk": existing["pk"]}
        differ = [self.field(name).label for name, key in COMPARED
                  if str(existing[key] or "") != str(payload[name] or "")]
        if differ:
            result.warn(f"已导入，无变化：系统中该学生的{'、'.join(differ)}与文件不同；导入不会修改已有学生，"
                        "如需修改请在生源信息中编辑该学生。")

    # -- write ---------------------------------------------------------------------------
    def commit(self, rows, context):
        """One batch (the runner calls this per commit_batch_size rows, in one transaction): what every
        batch needs (在籍 status, what the students_created receivers load) is loaded once per run and kept
        in context.cache."""
        values = []
        for row in rows:
            p = dict(row.payload)
            p["major_id"] = p.pop("major")
            for name in CODED_KINDS + ("origin_region",):
                if name in p and name != "gender":
                    p[f"{name}_id"] = p.pop(name)
            p["birth_date"] = datetime.date.fromisoformat(p["birth_date"])
            values.append(p)
        cache = context.cache
        if "active_status" not in cache:
            cache["active_status"], cache["students_created"] = active_status(), {}
        create_students(instances_like(Student, values), acting_user=context.user,
                        status=cache["active_status"], context=cache["students_created"])


TEXT_FIELDS = ("student_number", "name", "id_number", "candidate_number", "sponsor_unit", "phone", "email",
               "home_address", "postal_code")
COMPARED = tuple((name, f"{name}_id" if name in ("ethnicity", "political_status", "origin_region", "training_mode")
                  else name)
                 for name in ("name", "candidate_number", "gender", "ethnicity", "political_status", "origin_region",
                              "training_mode", "phone", "email"))
EXISTING_FIELDS = ("pk", "student_number", "id_number", "graduation_year", "major_id", *(key for _, key in COMPARED))
