"""System check: every model that can reach a student declares how it is scoped.

A model "reaches a student" when a chain of forward foreign keys / one-to-one fields leads to
the scope root (`org.Major`; a student reaches it through `major`). Such a model must declare
`scope_major_lookup` (with a queryset that has restrict()) or `scope_unscoped = "<reason>"`.
Models are discovered through the app registry, so core imports no domain app.
"""

from collections import deque

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from .scoping import SCOPE_ROOT


def path_to_root(model, root):
    """The shortest forward FK/one-to-one path from `model` to `root` ("a__b"), or None."""
    if model is root:
        return "pk"
    seen, queue = {model}, deque([(model, [])])
    while queue:
        current, path = queue.popleft()
        for field in current._meta.concrete_fields:
            target = field.related_model if (field.many_to_one or field.one_to_one) else None
            if target is None or target in seen or isinstance(target, str):
                continue
            if target is root:
                return "__".join([*path, field.name])
            seen.add(target)
            queue.append((target, [*path, field.name]))
    return None


def lookup_target(model, lookup):
    """The model a `scope_major_lookup` ends at (reverse relations allowed), or None if it is invalid."""
    if lookup == "pk":
        return model
    current = model
    for name in lookup.split("__"):
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if field.related_model is None:
            return None
        current = field.related_model
    return current


def tracked_model(model):
    """The model a django-simple-history table records (its rows are read only through that model's
    restricted object, `obj.history`), or None."""
    tracked = getattr(model, "instance_type", None)
    if tracked is None:
        return None
    try:
        model._meta.get_field("history_date")
    except FieldDoesNotExist:
        return None
    return tracked


def declaration_errors(model, root):
    """The check's errors for one model."""
    label = model._meta.label
    tracked = tracked_model(model)
    if tracked is not None:
        model = tracked  # a history table is scoped as the object it records
    lookup = getattr(model, "scope_major_lookup", None)
    reason = getattr(model, "scope_unscoped", None)
    if lookup and reason:
        return [checks.Error(f"{label} 同时声明了 scope_major_lookup 和 scope_unscoped。",
                             hint="二者只能选一：按专业限定范围，或写明不限定的理由。", obj=model, id="careers.E003")]
    if reason is not None:
        if not str(reason).strip():
            return [checks.Error(f"{label} 的 scope_unscoped 没有写理由。", hint="写明为何此模型不按管辖专业限定。",
                                 obj=model, id="careers.E004")]
        return []
    if lookup:
        errors = []
        if lookup_target(model, lookup) is not root:
            errors.append(checks.Error(f"{label}.scope_major_lookup = {lookup!r} 没有指向 {root._meta.label}。",
                                       obj=model, id="careers.E002"))
        if not hasattr(model._default_manager.all(), "restrict"):
            errors.append(checks.Error(f"{label} 声明了 scope_major_lookup，但默认管理器的查询集没有 restrict()。",
                                       hint="使用 careers.core.scoping.ScopedQuerySet（或其子类）作为默认管理器。",
                                       obj=model, id="careers.E005"))
        return errors
    path = path_to_root(model, root)
    if path is None:
        return []
    return [checks.Error(
        f"{label} 可经 {path} 关联到学生/专业，但没有声明数据范围。",
        hint=f"声明 scope_major_lookup = {path!r} 并使用 ScopedQuerySet；或写明 scope_unscoped = \"理由\"（须经评审）。",
        obj=model, id="careers.E001")]


@checks.register(checks.Tags.security)
def check_scope_declarations(app_configs=None, **kwargs):
    try:
        root = apps.get_model(SCOPE_ROOT)
    except LookupError:
        return []
    models = apps.get_models() if app_configs is None else [m for c in app_configs for m in c.get_models()]
    return [error for model in models for error in declaration_errors(model, root)]
