"""填写模板 (fill-in templates): per kind of 毕业去向, which fields are required, hidden, pre-filled, and why.

One declaration serves the admin form, the student form and model validation
(`clean_employment`, called from EmploymentRecord.clean). A template applies to the
destination codes it lists (a sub-code such as 502 follows its parent 50); any other code
falls back to the template of its category (destination code extra["category"]).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from careers.core import validators as values

from . import validators

# The record's fields after the destination, in form order; `note` is always optional and shown.
DETAIL_FIELDS = ("employer_name", "employer_credit_code", "employer_nature", "employer_industry", "employer_region",
                 "employer_address", "contact_person", "contact_phone", "position", "agreement_number", "placed_on",
                 "study_major")
CODE_FIELDS = {"destination": "destination", "employer_nature": "employer_nature",
               "employer_industry": "industry", "employer_region": "region"}
EMPLOYER_CONTACT = ("employer_address", "contact_person", "contact_phone")


@dataclass(frozen=True)
class FillTemplate:
    key: str
    label: str
    category: str
    destinations: tuple  # destination codes; the first is chosen when the template is picked
    required: frozenset
    hidden: frozenset
    note: str = ""
    help: dict = field(default_factory=dict)  # field -> hint shown under the field
    labels: dict = field(default_factory=dict)  # field -> label for this template (e.g. 升学院校)
    prefill: dict = field(default_factory=dict)  # field -> text, or a code of the field's table

    def state(self, name):
        if name in self.hidden:
            return "hidden"
        return "required" if name in self.required else "optional"


def _t(key, label, category, destinations, required, hidden=(), **kwargs):
    return FillTemplate(key, label, category, tuple(destinations), frozenset(required), frozenset(hidden), **kwargs)


EMPLOYER_HELP = {
    "employer_name": "与就业协议、劳动合同或录用证明上的单位名称一致（全称）。输入两个字以上可查询已有单位。",
    "employer_credit_code": "18 位，见单位营业执照或事业单位法人证书；选择查询到的单位会自动填写。",
    "employer_region": "单位实际所在地（县级），输入地名两个字以上查询。",
    "placed_on": "签约、录用、录取或创业登记的日期。",
}

TEMPLATES = (
    _t("contract", "协议和合同就业", "协议和合同就业", ("10", "11"),
       required=("employer_name", "employer_credit_code", "employer_nature", "employer_industry", "employer_region",
                 "placed_on"),
       hidden=("study_major",),
       note="签订就业协议书或劳动合同：按协议书/合同填写单位全称、统一社会信用代码、性质、行业和所在地。",
       help={**EMPLOYER_HELP, "agreement_number": "签就业协议形式就业时填写三方协议书编号。",
             "position": "如：软件开发工程师、会计。"}),
    _t("research_assistant", "科研助理、管理助理", "协议和合同就业", ("27", "271"),
       required=("employer_name", "employer_credit_code", "employer_nature", "employer_industry", "employer_region",
                 "placed_on"),
       hidden=("study_major",),
       note="高校、科研院所、企业聘用的科研助理或管理助理；单位一般为聘用的高校或科研院所。",
       help={**EMPLOYER_HELP, "position": "如：科研助理、管理助理。"},
       prefill={"employer_nature": "21", "employer_industry": "73", "position": "科研助理"}),
    _t("military", "应征义务兵", "协议和合同就业", ("46",),
       required=("employer_name", "employer_region", "placed_on"),
       hidden=("employer_credit_code", "employer_industry", "agreement_number", "study_major"),
       note="应征入伍：单位名称可填写“部队”，所在地为办理入伍手续的县级人民武装部所在地。",
       help={"employer_name": "可填写“部队”或入伍通知书上的单位名称。",
             "employer_region": "办理入伍手续的县级人民武装部所在地。", "placed_on": "入伍通知书上的日期。"},
       prefill={"employer_name": "部队", "employer_nature": "40"}),
    _t("grassroots", "基层项目", "协议和合同就业", ("50", "502", "503", "51", "512", "519"),
       required=("employer_name", "employer_nature", "employer_region", "placed_on"),
       hidden=("agreement_number", "study_major"),
       note="三支一扶、西部计划、选调生等基层项目：单位为实际服务单位。",
       help={"employer_name": "实际服务单位全称，如：XX县XX镇人民政府。",
             "employer_credit_code": "服务单位有统一社会信用代码的请填写。",
             "employer_nature": "乡镇政府选“机关”，村委会选“农村建制村”，社区选“城镇社区”。",
             "employer_region": EMPLOYER_HELP["employer_region"], "placed_on": "项目录取或派驻的日期。"}),
    _t("other_hire", "其他录用形式就业", "灵活就业", ("12",),
       required=("employer_name", "employer_nature", "employer_industry", "employer_region", "position", "placed_on"),
       hidden=("agreement_number", "study_major"),
       note="未签协议或合同、但有单位录用证明（用人单位证明、工作证明等）的就业。",
       help={**EMPLOYER_HELP, "employer_credit_code": "有营业执照的单位请填写，可向单位人事部门索取。",
             "position": "从事的具体工作。"}),
    _t("freelance", "自由职业", "灵活就业", ("76",),
       required=("position", "employer_region", "placed_on"),
       hidden=("employer_credit_code", "employer_nature", "employer_industry", "agreement_number", "study_major",
               "contact_person"),
       note="以个人身份从事自由职业（如自媒体、设计、翻译）：不填写单位信息，填写从事的职业和所在地。",
       labels={"employer_name": "工作平台或单位（可不填）", "position": "从事的职业"},
       help={"position": "如：独立设计师、网络主播、自由撰稿人。", "employer_region": "主要工作所在地（县级）。",
             "placed_on": "开始从事该职业的日期。"}),
    _t("startup", "自主创业", "自主创业", ("75",),
       required=("employer_name", "employer_credit_code", "employer_industry", "employer_region", "placed_on"),
       hidden=("agreement_number", "study_major"),
       note="本人创办企业或个体工商户：按营业执照填写企业名称和统一社会信用代码。",
       labels={"employer_name": "创业企业名称", "placed_on": "创业登记日期"},
       help={"employer_name": "与营业执照一致的全称。", "employer_credit_code": "营业执照上的 18 位统一社会信用代码（必填）。",
             "position": "如：法定代表人、合伙人。", "placed_on": "营业执照的成立日期。"},
       prefill={"employer_nature": "39", "position": "法定代表人"}),
    _t("domestic_study", "境内升学", "升学", ("80", "801", "802"),
       required=("employer_name", "study_major", "employer_region", "placed_on"),
       hidden=("employer_credit_code", "contact_person", "position", "agreement_number"),
       note="考取境内研究生或第二学士学位：单位填写录取院校，行业和性质已按高等院校预填。",
       labels={"employer_name": "升学院校", "placed_on": "录取日期"},
       help={"employer_name": "录取院校全称，如：北京大学。", "study_major": "录取通知书上的专业名称。",
             "employer_region": "录取院校所在地。"},
       prefill={"employer_nature": "21", "employer_industry": "83"}),
    _t("abroad_study", "境外留学", "升学", ("85",),
       required=("employer_name", "study_major"),
       hidden=("employer_credit_code", "employer_nature", "employer_industry", "employer_region", "employer_address",
               "contact_person", "contact_phone", "position", "agreement_number"),
       note="出国（境）留学：填写录取院校（外文名亦可）和专业，境外地区不填所在地。",
       labels={"employer_name": "留学院校", "placed_on": "录取日期"},
       help={"employer_name": "录取院校名称，可填写外文全称。", "study_major": "录取专业。"}),
    _t("unemployed", "未就业", "未就业", ("70", "71", "72"),
       required=(),
       hidden=DETAIL_FIELDS,
       note="待就业、不就业拟升学或其他暂不就业：无需填写单位信息，可在备注中说明情况。不计入毕业去向落实率。",
       help={"note": "如：准备明年考研、正在求职。"}),
)
BY_KEY = {t.key: t for t in TEMPLATES}
CATEGORY_DEFAULT = {"协议和合同就业": "contract", "灵活就业": "other_hire", "自主创业": "startup", "升学": "domestic_study",
                    "未就业": "unemployed"}
_BY_CODE = {code: t for t in TEMPLATES for code in t.destinations}


def template_for(destination):
    """The template of a destination Code (its own code, its parent's, else its category's); None without one."""
    if destination is None:
        return None
    if destination.code in _BY_CODE:
        return _BY_CODE[destination.code]
    parent = destination.parent.code if destination.parent_id and destination.parent else None
    if parent in _BY_CODE:
        return _BY_CODE[parent]
    key = CATEGORY_DEFAULT.get((destination.extra or {}).get("category", ""))
    return BY_KEY.get(key)


def destinations():
    """The current destination codes, parents first (for the template lookup), in table order."""
    from careers.codes.models import Code

    return Code.objects.of("destination").filter(is_active=True).select_related("parent").order_by("sort", "code")


def prefill_values(template):
    """{field: value} to pre-fill: text as is, code fields as Code instances (one query)."""
    from careers.codes.models import Code

    values, wanted = {}, {}
    for name, value in template.prefill.items():
        if name in CODE_FIELDS:
            wanted[(CODE_FIELDS[name], value)] = name
        else:
            values[name] = value
    if wanted:
        kinds = {kind for kind, _ in wanted}
        for code in Code.objects.filter(table__kind__in=kinds, table__is_current=True,
                                        code__in=[c for _, c in wanted]).select_related("table"):
            name = wanted.get((code.table.kind, code.code))
            if name:
                values[name] = code
    return values


def is_empty(value):
    return value in (None, "")


def field_label(name, template=None):
    from .models import EmploymentRecord

    if template is not None and name in template.labels:
        return template.labels[name]
    return str(EmploymentRecord._meta.get_field(name).verbose_name)


def _codes_of(record):
    """{field: Code} of the record's code fields, with table and parent, in one query."""
    from careers.codes.models import Code

    pks = {name: getattr(record, f"{name}_id") for name in CODE_FIELDS if getattr(record, f"{name}_id")}
    if not pks:
        return {}
    found = getattr(record, "_preloaded_codes", None)  # set by preload_codes (bulk approval)
    if found is None or not all(pk in found for pk in pks.values()):
        found = Code.objects.select_related("table", "parent").in_bulk(set(pks.values()))
    return {name: found.get(pk) for name, pk in pks.items()}


def preload_codes(records):
    """Before validating many records (批量审核): their code fields' Codes, current and pending, in one
    query, kept on each record for clean() (_codes_of)."""
    from careers.codes.models import Code

    pks = set()
    for record in records:
        pending = record.pending_changes or {}
        for name in CODE_FIELDS:
            pks.update(value for value in (getattr(record, f"{name}_id"), pending.get(name))
                       if isinstance(value, int))
    found = Code.objects.select_related("table", "parent").in_bulk(pks)
    fields = [record_field(name) for name in CODE_FIELDS]
    for record in records:
        record._preloaded_codes = found
        for code_field in fields:  # clean() reads every detail field, the codes too
            code = found.get(getattr(record, code_field.attname))
            if code is not None and not code_field.is_cached(record):
                code_field.set_cached_value(record, code)


def record_field(name):
    from .models import EmploymentRecord

    return EmploymentRecord._meta.get_field(name)


def code_problems(record, codes=None):
    """{field: message} for code fields that point at a deleted code, another table or an old edition."""
    codes = _codes_of(record) if codes is None else codes
    problems = {}
    for name, kind in CODE_FIELDS.items():
        if not getattr(record, f"{name}_id"):
            continue
        code = codes.get(name)
        label = field_label(name)
        if code is None or code.table.kind != kind:
            problems[name] = f"{label}：代码不存在，请重新选择。"
        elif not code.table.is_current:
            problems[name] = (f"{label}：“{code.code} {code.name}”属于已停用的代码表版本"
                              f"（{code.table.version}），请按现行代码重新选择。")
    return problems


def clean_employment(record):
    """Model-level rules of an employment record; raises ValidationError {field: [Chinese message]}.

    Normalises the credit code and phone in place. Rules: codes of current tables; the destination's
    template (required fields filled, hidden ones empty); credit code checksum; region current;
    落实日期 within the graduation year's window; phone format.
    """
    codes = _codes_of(record)
    errors = code_problems(record, codes)
    destination = codes.get("destination") if "destination" not in errors else None
    if not record.destination_id:
        filled = [field_label(n) for n in DETAIL_FIELDS if not is_empty(getattr(record, n, None))]
        if filled:
            errors["destination"] = f"毕业去向：请先选择毕业去向（已填写了{'、'.join(filled[:3])}等信息）。"
    template = template_for(destination)
    if template is not None:
        for name in DETAIL_FIELDS:
            if name in errors:
                continue
            value = getattr(record, name)
            label = field_label(name, template)
            if name in template.required and is_empty(value):
                hint = template.help.get(name, "")
                errors[name] = f"{label}：毕业去向为“{destination.name}”时必须填写。{hint}".strip()
            elif name in template.hidden and not is_empty(value):
                errors[name] = f"{label}：毕业去向为“{destination.name}”时不填写此项，请清空。"
    if record.employer_credit_code and "employer_credit_code" not in errors:
        try:
            record.employer_credit_code = values.validate_credit_code(record.employer_credit_code)
        except ValidationError as exc:
            errors["employer_credit_code"] = exc.messages[0]
    if record.contact_phone and "contact_phone" not in errors:
        try:
            record.contact_phone = values.validate_phone(record.contact_phone)
        except ValidationError as exc:
            errors["contact_phone"] = exc.messages[0]
    if record.placed_on and "placed_on" not in errors and record.student_id:
        try:
            validators.validate_placed_on(record.placed_on, record.student.graduation_year)
        except ValidationError as exc:
            errors["placed_on"] = exc.messages[0]
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})


def template_problems(record):
    """Why the record is broken (for 初始化就业信息), or [] when it is consistent."""
    try:
        clean_employment(record)
    except ValidationError as exc:
        return [m for messages in exc.message_dict.values() for m in messages]
    return []
