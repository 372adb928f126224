"""系统日志 in words: module and object names, and each change as 字段：原值 → 新值 with the field's verbose
name, choices by label, related rows by name, booleans as 是/否 and times as local time.

An entry stores what the code knew (`accounts.user`, `{"is_active": ["True", "False"]}`, a FK's id); the
pages translate it here. Keys that are no model field (an export's `rows`, a bulk action's `students`)
are named in KEY_LABELS; an app adds its own with `KEY_LABELS.update(...)` in its registry.py.
"""

import ast
import re
import time

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

MODULE_LABELS = {"core": "系统", "system": "系统", "accounts": "管理员账号"}

# Change keys of log_event calls that are no field of the logged object.
KEY_LABELS = {
    "students": "学生", "accounts": "账号", "status": "状态", "job": "任务", "jobs": "职位", "filename": "文件名",
    "year": "毕业年份", "booths": "展位", "hidden": "不显示", "participant_jobs": "招聘会职位", "venues": "场地",
    "is_active": "启用", "channels": "发送方式", "must_change_password": "须修改密码", "managed_majors": "管辖专业",
    "bumped_at": "刷新时间", "model": "数据", "rows": "行数", "format": "格式", "fields": "导出字段",
    "import_token": "导入批次", "spec": "导入项目", "counts": "导入结果", "pending_changes": "待审核的修改",
    "review_note": "审核意见", "transaction_id": "交易单号", "to_major": "转入专业", "to_year": "转入毕业年份",
    "cancel_reason": "取消原因", "graduation_year": "毕业年份", "enrolment_status": "学籍状态", "message": "说明",
    "count": "数量", "created": "新增", "updated": "更新", "skipped": "跳过", "failed": "失败", "errors": "错误",
    "total": "总数", "title": "标题", "subject": "标题", "body": "内容", "query": "查询条件", "reason": "原因",
}
BOOLEANS = {"True": "是", "False": "否", "true": "是", "false": "否"}
MODEL_LABEL = re.compile(r"^[a-z_]+\.[a-z_]+$")
MAX_IDS = 500  # related rows named per model on one page; beyond that the id shows


def module_label(module):
    if module in MODULE_LABELS:
        return MODULE_LABELS[module]
    try:
        return str(apps.get_app_config(module).verbose_name)
    except LookupError:
        return module  # already words (e.g. 签到设备)


def model_of(object_type):
    if not object_type or not MODEL_LABEL.match(object_type):
        return None
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type):
    model = model_of(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def field_of(model, key):
    """The model's field named `key` (or whose column is `key`, e.g. major_id), else None."""
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.name, field.attname):
            return field
    return None


def key_label(model, key):
    field = field_of(model, key)
    if field is not None:
        return str(field.verbose_name)
    return KEY_LABELS.get(key, key)


def _pairs(changes):
    """(key, old, new) per change; old is None for a plain value (an export's row count)."""
    if not isinstance(changes, dict):
        return []
    return [(key, change[0], change[1]) if isinstance(change, (list, tuple)) and len(change) == 2
            else (key, None, change) for key, change in changes.items()]


def related_names(logs):
    """{(related model, id as text): name} for every FK value in the logs' changes (one query per model)."""
    wanted = {}
    for log in logs:
        model = model_of(log.object_type)
        for key, old, new in _pairs(log.changes):
            for related, value in _related_values(model, field_of(model, key), (old, new)):
                ids = wanted.setdefault(related, set())
                if len(ids) < MAX_IDS:
                    ids.add(str(value))
    names = {}
    for related, ids in wanted.items():
        pks = []
        for value in ids:
            try:
                pks.append(related._meta.pk.to_python(value))
            except Exception:  # noqa: BLE001 - not an id (a log_event that stored the name itself): shown as is
                continue
        for pk, obj in related._default_manager.in_bulk(pks).items():
            names[(related, str(pk))] = str(obj)
    return names


class NamesOnDemand(dict):
    """related_names for a stream of entries (the export): a related row is named when first met, one query
    each, and remembered for a minute (the export's fields live as long as the process, so names must not
    go stale); past MAX_CACHED names the id shows, so memory stays bounded."""

    MAX_CACHED = 20_000
    FRESH_SECONDS = 60

    def __init__(self):
        super().__init__()
        self.filled_at = time.monotonic()

    def get(self, key, default=None):
        if time.monotonic() - self.filled_at > self.FRESH_SECONDS:
            self.clear()
            self.filled_at = time.monotonic()
        if key not in self:
            if len(self) >= self.MAX_CACHED:
                return default
            related, text = key
            try:
                obj = related._default_manager.filter(pk=related._meta.pk.to_python(text)).first()
            except Exception:  # noqa: BLE001 - not an id (a log_event that stored the name itself): as is
                obj = None
            self[key] = None if obj is None else str(obj)
        name = super().get(key)
        return default if name is None else name


def _parsed(text):
    """A JSON field's value as stored in a change (its repr), or None."""
    if isinstance(text, dict):
        return text
    if isinstance(text, str) and text[:1] == "{":
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return None
        return value if isinstance(value, dict) else None
    return None


def _related_values(model, field, values):
    """(related model, id) for the FK values of one change, also inside a JSON dict of field values."""
    if field is None:
        return
    if field.many_to_one or field.one_to_one:
        yield from ((field.related_model, v) for v in values if v not in (None, ""))
    elif isinstance(field, models.JSONField):
        for value in values:
            for key, inner in (_parsed(value) or {}).items():
                inner_field = field_of(model, key)
                if inner_field is not None and (inner_field.many_to_one or inner_field.one_to_one) and inner:
                    yield inner_field.related_model, inner


def value_text(field, raw, names=None, model=None):
    """One stored value in words; a dict's keys are named as `model`'s fields (e.g. pending_changes)."""
    names = {} if names is None else names
    if raw is None or raw == "":
        return ""
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, (list, tuple)):
        return "、".join(value_text(None, v, names) for v in raw)
    if isinstance(raw, dict):
        return "；".join(f"{key_label(model, k)}：{value_text(field_of(model, k), v, names)}" for k, v in raw.items())
    text = str(raw)
    if field is not None:
        if field.choices:
            return {str(k): str(v) for k, v in field.flatchoices}.get(text, text)
        if field.is_relation and field.related_model is not None:
            return names.get((field.related_model, text), text)
        if isinstance(field, models.JSONField) and text[:1] in "{[":
            try:
                return value_text(None, ast.literal_eval(text), names, field.model)  # stored as the value's repr
            except (ValueError, SyntaxError):
                return text
    if text in BOOLEANS:
        return BOOLEANS[text]
    moment = parse_datetime(text) if len(text) >= 16 and text[4:5] == "-" else None
    if moment is not None:
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    model = model_of(text)
    return str(model._meta.verbose_name) if model is not None else text


def change_rows(log, names=None):
    """[(label, old, new)] of one entry; old is None for a plain value."""
    model = model_of(log.object_type)
    rows = []
    for key, old, new in _pairs(log.changes):
        field = field_of(model, key)
        rows.append((key_label(model, key), None if old is None else value_text(field, old, names),
                     value_text(field, new, names)))
    return rows


def with_rows(logs):
    """The entries with `.rows` = change_rows (related rows named in one query per model), for history cards."""
    logs = list(logs)
    names = related_names(logs)
    for log in logs:
        log.rows = change_rows(log, names)
    return logs


def change_summary(rows, limit=5):
    """The list's one-line form: 字段：原值 → 新值；…"""
    parts = [f"{label}：{new}" if old is None else f"{label}：{old or '（空）'} → {new or '（空）'}"
             for label, old, new in rows[:limit]]
    if len(rows) > limit:
        parts.append(f"……共 {len(rows)} 项")
    return "；".join(parts)
