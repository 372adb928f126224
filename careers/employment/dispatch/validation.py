"""派遣信息 rules, shared by the admin form, the student's report and every action that saves a record.

Messages name the field, so a bulk action can say which row and which field stopped it.
"""

from django.core.exceptions import ValidationError

from careers.codes.models import Code
from careers.core import validators

from .models import DispatchRecord

Kind = DispatchRecord.Kind
POSTAL_FIELDS = ("report_postal_code", "archive_postal_code")


def label(name):
    return str(DispatchRecord._meta.get_field(name).verbose_name)


def postal_code_error(name, value):
    if not validators.normalise(value):
        return None
    try:
        validators.validate_postal_code(value)
    except ValidationError as exc:
        return f"{label(name)}：{exc.messages[0]}"
    return None


def receiving_unit_error(kind, unit):
    if kind != Kind.NONE and not (unit or "").strip():
        kind_label = Kind(kind).label if kind in Kind.values else kind
        return (f"{label('receiving_unit')}：派遣类别为“{kind_label}”时必须填写，"
                f"须与《接收函》上的单位名称一字不差。")
    return None


def region_error(region, kinds=None):
    """`region`: a Code, a pk or None. Only codes of the region table (行政区划) are accepted.
    `kinds` ({pk: table kind}, from code_kinds) answers without a query."""
    if region in (None, ""):
        return None
    pk = getattr(region, "pk", region)
    kind = getattr(getattr(region, "table", None), "kind", None) if hasattr(region, "pk") else None
    if kind is None and kinds is not None and pk in kinds:
        kind = kinds[pk]
    elif kind is None:
        kind = Code.objects.filter(pk=pk).values_list("table__kind", flat=True).first()
    if kind != "region":
        shown = getattr(region, "code", pk)
        return f"{label('receiving_region')}：“{shown}”不是有效的行政区划代码。"
    return None


def code_kinds(records):
    """Before checking many records (批量审核): {pk: table kind} of their receiving regions, current and
    pending, in one query, kept on each record for check_record."""
    pks = {value for record in records
           for value in (record.receiving_region_id, (record.pending_changes or {}).get("receiving_region"))
           if isinstance(value, int)}
    kinds = dict(Code.objects.filter(pk__in=pks).values_list("pk", "table__kind"))
    for record in records:
        record._code_kinds = kinds


def dispatch_errors(values, kinds=None):
    """{field: message} for the values a record would have (field name → model value or pk)."""
    errors = {}
    kind = values.get("kind")
    if kind not in Kind.values:
        errors["kind"] = f"{label('kind')}：请选择{'、'.join(str(c.label) for c in Kind)}之一。"
    elif message := receiving_unit_error(kind, values.get("receiving_unit")):
        errors["receiving_unit"] = message
    for name in POSTAL_FIELDS:
        if message := postal_code_error(name, values.get(name)):
            errors[name] = message
    if "receiving_region" in values and (message := region_error(values["receiving_region"], kinds)):
        errors["receiving_region"] = message
    return errors


def check_record(record, *, region_changed=True):
    """Raise a ValidationError naming the record and the fields when the record breaks a rule."""
    values = {name: getattr(record, name) for name in ("kind", "receiving_unit", *POSTAL_FIELDS)}
    if region_changed and record.receiving_region_id:
        values["receiving_region"] = record.receiving_region_id
    errors = dispatch_errors(values, getattr(record, "_code_kinds", None))
    if errors:
        raise ValidationError(f"{record}：{'；'.join(errors.values())}")
