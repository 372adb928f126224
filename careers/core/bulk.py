"""Fast bulk inserts for large imports.

`fast_insert(model, objs)` does what `Model.objects.bulk_create(objs)` does for plain
models (pre_save, auto_now(_add), primary keys set on the objects, `_state` updated, no
signals), but on PostgreSQL with psycopg 3 it takes the primary keys from the table's
sequence in one query and writes the rows with `COPY ... FROM STDIN`, skipping Django's
per-value SQL compilation. Other backends (SQLite in tests and `make run`) use
`bulk_create`.

`fast_insert_history(model, objs)` writes the django-simple-history "+" rows for objects
just created, like `bulk_history_create` (no `post_create_historical_record` signal,
which bulk_create never sent either: callers log one event for the whole operation).

`in_values(field, values)` is `Q(field__in=values)` for thousands of values: on PostgreSQL
one array parameter instead of a placeholder per value. `pks_matching(model, field=values…)`
finds the rows whose unique fields take any of thousands of values (an import's 学号) by
one index probe per value.

`paused_gc()` holds Python's cyclic garbage collector off while a bulk step allocates its
hundreds of thousands of short-lived objects.
"""

import contextlib
import datetime
import gc
import json
import threading
import uuid

from django.conf import settings
from django.db import connections, router
from django.db.models import (
    NOT_PROVIDED,
    F,
    Func,
    Q,
    AutoField,
    BigAutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    EmailField,
    ForeignKey,
    IntegerField,
    JSONField,
    OneToOneField,
    PositiveIntegerField,
    PositiveSmallIntegerField,
    SlugField,
    SmallAutoField,
    SmallIntegerField,
    TextField,
    UUIDField,
)
from django.db.models.fields import Field
from django.utils import timezone

DEFAULT_BATCH_SIZE = 5000

# Field classes whose value goes to psycopg unchanged when it already has one of these Python
# types (get_db_prep_save would return it as is on PostgreSQL). Anything else — other field
# classes, subclasses that override the conversion, unexpected value types — goes through
# field.get_db_prep_save(value, connection) as bulk_create does.
PASS_THROUGH = {
    CharField: (str,), EmailField: (str,), SlugField: (str,), TextField: (str,),
    IntegerField: (int,), SmallIntegerField: (int,), BigIntegerField: (int,),
    PositiveIntegerField: (int,), PositiveSmallIntegerField: (int,),
    AutoField: (int,), BigAutoField: (int,), SmallAutoField: (int,),
    BooleanField: (bool,), UUIDField: (uuid.UUID,),
    DateField: (datetime.date,), DateTimeField: (datetime.datetime,),
}


def _pass_types(field):
    """The Python types passed through unchanged for `field`, or () to always convert."""
    if type(field) in (ForeignKey, OneToOneField):
        target = field.target_field
        while type(target) in (ForeignKey, OneToOneField):
            target = target.target_field
        return _pass_types(target)
    if type(field) is DateTimeField:
        return (datetime.datetime,) if settings.USE_TZ else ()  # aware values only, checked below
    if type(field) is DateField:
        return ()  # a datetime is a date too: let DateField.to_python truncate it
    return PASS_THROUGH.get(type(field), ())


def _needs_pre_save(field):
    """Does field.pre_save do more than read the attribute (auto_now, files...)?"""
    return type(field).pre_save is not Field.pre_save


def _fast_path(connection, model):
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    opts = model._meta
    return bool(is_psycopg3 and not opts.parents and all(
        f.db_default is NOT_PROVIDED for f in opts.concrete_fields))


def _conversions(fields):
    """Per field: the Python types written as they are (see PASS_THROUGH)."""
    return [_pass_types(f) for f in fields]


def _json_text(field):
    """For a plain JSONField (no custom encoder): its value as JSON text, which COPY's text format
    takes for a json/jsonb column as it is — one json.dumps, without a Jsonb adapter per value
    (most rows hold the same empty {} or [], written from one string)."""
    if type(field) is not JSONField or field.encoder is not None:
        return None
    empty = {"{}": "{}", "[]": "[]"}

    def text(value):
        if isinstance(value, (dict, list)) and not value:
            return empty["{}" if isinstance(value, dict) else "[]"]
        return json.dumps(value)

    return text


def _copy(connection, model, fields, rows, batch_size):
    """COPY `rows` (sequences of model values, in `fields` order) into the model's table,
    converting each value with field.get_db_prep_save unless psycopg can take it as it is."""
    quote = connection.ops.quote_name
    opts = model._meta
    json_text = {field: _json_text(field) for field in fields}
    plan = list(zip(fields, _conversions(fields)))
    aware_only = settings.USE_TZ
    sql = "COPY {} ({}) FROM STDIN".format(quote(opts.db_table), ", ".join(quote(f.column) for f in fields))
    batch_size = batch_size or len(rows) or 1
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            with cursor.copy(sql) as copy:
                for values in rows[start:start + batch_size]:
                    row = []
                    for (field, passing), value in zip(plan, values):
                        if value is not None and not (
                                passing and type(value) in passing
                                and not (aware_only and type(value) is datetime.datetime and value.tzinfo is None)):
                            if hasattr(value, "resolve_expression"):
                                raise TypeError(f"fast_insert: {opts.label}.{field.name} is an expression; "
                                                "use bulk_create")
                            text = json_text[field]
                            value = text(value) if text else field.get_db_prep_save(value, connection)
                        row.append(value)
                    copy.write_row(row)


def _allocate_pks(connection, model, count):
    """`count` new primary key values from the table's sequence (serial or identity column)."""
    opts = model._meta
    if not getattr(opts.pk, "db_returning", False):
        raise ValueError(f"{opts.label}: objects without a primary key and no sequence to take one from")
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [connection.ops.quote_name(opts.db_table), opts.pk.column, count])
        return [value for (value,) in cursor.fetchall()]


def _insert_fields(model):
    return [f for f in model._meta.concrete_fields if not f.generated]


def fast_insert(model, objs, *, batch_size=DEFAULT_BATCH_SIZE, using=None, set_pks=True):
    """Insert unsaved `objs` of `model`; sets their primary keys and returns them (a list).

    `set_pks=False`: nobody reads the new rows' keys (an imported student's dispatch and employment records),
    so on PostgreSQL the table's own default numbers them during the COPY, without a query that takes the
    keys from the sequence first; the objects are then left without a primary key.
    """
    objs = list(objs)
    if not objs:
        return objs
    using = using or router.db_for_write(model)
    connection = connections[using]
    if not _fast_path(connection, model):
        return model._base_manager.using(using).bulk_create(objs, batch_size=batch_size)

    pk = model._meta.pk
    fields = _insert_fields(model)
    missing = [obj for obj in objs if obj.pk is None]
    if missing and not set_pks and len(missing) == len(objs) and getattr(pk, "db_returning", False):
        fields = [f for f in fields if f is not pk]  # the column's default (identity/serial) numbers them
    elif missing:
        for obj, value in zip(missing, _allocate_pks(connection, model, len(missing))):
            setattr(obj, pk.attname, value)
    getters = [(f, f.attname, _needs_pre_save(f)) for f in fields]
    rows = [[field.pre_save(obj, True) if pre_save else getattr(obj, attname) for field, attname, pre_save in getters]
            for obj in objs]
    _copy(connection, model, fields, rows, batch_size)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    return objs


def fast_insert_history(model, objs, *, user=None, reason="", date=None, batch_size=DEFAULT_BATCH_SIZE,
                        history_type="+"):
    """The simple-history "+" rows (`history_type="~"`: rows of a change) for `objs` (already saved instances
    of `model`), as
    `model.history.bulk_history_create(objs, default_user=user, default_change_reason=reason)`
    would build them: history_date now (or `_history_date`), history_user from `_history_user`,
    else `user`, else the model's default (the request's user); the change reason from
    `_change_reason`, else `reason`; every tracked field copied. Returns the number of rows.

    On PostgreSQL the rows are written straight from the objects' values (no historical
    model instances); elsewhere through bulk_create.
    """
    objs = list(objs)
    if not objs or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return 0
    from simple_history.utils import (
        get_change_reason_from_object,
        get_history_manager_for_model,
    )

    history_model = get_history_manager_for_model(model).model
    now = date or timezone.now()

    def user_of(instance, default=[]):  # noqa: B006 - the model's default user, looked up once
        if hasattr(instance, "_history_user"):
            return instance._history_user
        if user is not None:
            return user
        if not default:
            default.append(history_model.get_default_history_user(instance))
        return default[0]

    using = router.db_for_write(history_model)
    connection = connections[using]
    if not _fast_path(connection, history_model) or hasattr(history_model, "history_relation"):
        tracked = [f.attname for f in history_model.tracked_fields]
        rows = [history_model(history_date=getattr(instance, "_history_date", now), history_user=user_of(instance),
                              history_change_reason=get_change_reason_from_object(instance) or reason,
                              history_type=history_type, **{name: getattr(instance, name) for name in tracked})
                for instance in objs]
        fast_insert(history_model, rows, batch_size=batch_size, using=using)
        return len(rows)

    # Columns: tracked fields come from the instance (matched by column), date/reason/type per row, and
    # the rest (history_user, any extra fields) from an unsaved historical instance built once per user,
    # so their defaults apply as in the ORM. history_id is the table's default (its sequence): nobody reads
    # the new rows' keys, so no query takes them first.
    tracked = {f.column: f.attname for f in history_model.tracked_fields}
    pk_column = history_model._meta.pk.column
    fields = [f for f in _insert_fields(history_model) if f.column != pk_column]
    per_row = {"history_date", "history_change_reason", "history_type"}
    templates = {}
    rows = []
    for instance in objs:
        history_user = user_of(instance)
        key = getattr(history_user, "pk", history_user)
        if key not in templates:
            template = history_model(history_user=history_user)
            templates[key] = {f.column: getattr(template, f.attname) for f in fields
                              if f.column not in tracked and f.column not in per_row}
        fixed = templates[key]
        current = {"history_date": getattr(instance, "_history_date", now),
                   "history_change_reason": get_change_reason_from_object(instance) or reason,
                   "history_type": history_type}
        rows.append([getattr(instance, tracked[f.column]) if f.column in tracked else
                     current[f.column] if f.column in current else fixed[f.column] for f in fields])
    _copy(connection, history_model, fields, rows, batch_size)
    return len(rows)


def save_with_history(model, creates, updates, update_fields, *, user=None, batch_size=500):
    """Insert `creates` and apply `updates` ({pk: {field: value}}) with simple-history rows.

    The write half of an import commit: bulk queries, `updated_at` bumped by hand because
    bulk_update skips auto_now.
    """
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    bulk_create_with_history(creates, model, batch_size=batch_size, default_user=user)
    changed = list(model._default_manager.filter(pk__in=list(updates)))
    now = timezone.now()
    for obj in changed:
        obj.updated_at = now
        for field, value in updates[obj.pk].items():
            setattr(obj, field, value)
    bulk_update_with_history(changed, model, [*update_fields, "updated_at"], batch_size=batch_size,
                             default_user=user)
    return len(creates), len(changed)


def instances_like(model, rows):
    """Unsaved `model` instances for fast_insert, one per dict of attname → value in `rows`.

    Each starts as a copy of one default-constructed instance: Model.__init__ resolves every
    field's default per call, which costs more than the COPY itself for wide, mostly-empty rows
    (the dispatch and employment records created with each imported student).
    """
    template = model()
    defaults = {k: v for k, v in template.__dict__.items() if k != "_state"}
    mutable = [k for k, v in defaults.items() if isinstance(v, (dict, list))]  # e.g. JSONField(default=dict)
    state_class = type(template._state)
    objs = []
    for values in rows:
        obj = model.__new__(model)
        obj.__dict__ = {**defaults, **{k: defaults[k].copy() for k in mutable}, **values}
        obj._state = state_class()
        objs.append(obj)
    return objs


def fast_update(model, objs, fields, *, batch_size=500):
    """`model.objects.bulk_update(objs, fields)` without its CASE WHEN per row and field.

    On PostgreSQL: one `UPDATE … FROM (VALUES …)` per batch, each value cast to its column's type
    (bulk_update builds and compiles a When() per row and field: 200 rows × 15 fields cost seconds of
    Python). Like bulk_update, no pre_save (set auto_now fields yourself) and no signals. Elsewhere
    bulk_update. Returns the number of rows written.
    """
    objs = list(objs)
    if not objs:
        return 0
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        return model._base_manager.using(using).bulk_update(objs, fields, batch_size=batch_size)
    opts = model._meta
    quote = connection.ops.quote_name
    columns = [opts.pk, *(opts.get_field(name) for name in fields)]
    row_sql = "(" + ", ".join(f"%s::{f.db_type(connection)}" for f in columns) + ")"
    assignments = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in columns[1:])
    names = ", ".join(quote(f.column) for f in columns)
    table = quote(opts.db_table)
    written = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start:start + batch_size]
            params = [f.get_db_prep_save(getattr(obj, f.attname), connection) for obj in batch for f in columns]
            cursor.execute(f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row_sql] * len(batch))}) "
                           f"AS v ({names}) WHERE {table}.{quote(opts.pk.column)} = v.{quote(opts.pk.column)}", params)
            written += cursor.rowcount
    return written


class AnyOf(Func):
    """`<field> = ANY(%s)` on PostgreSQL (the values as one array parameter), `<field> IN (…)` elsewhere."""

    output_field = BooleanField()

    def __init__(self, field, values):
        super().__init__(F(field))
        self.values = list(values)

    def _operands(self, compiler, connection):
        sql, params = compiler.compile(self.source_expressions[0])
        field = self.source_expressions[0].output_field
        return sql, params, [field.get_db_prep_value(value, connection, prepared=False) for value in self.values]

    def as_sql(self, compiler, connection, **extra_context):
        sql, params, values = self._operands(compiler, connection)
        if not values:
            return "1 = 0", ()
        return f"{sql} IN ({', '.join(['%s'] * len(values))})", (*params, *values)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params, values = self._operands(compiler, connection)
        return f"{sql} = ANY(%s)", (*params, values)


def pks_matching(model, **unique_values):
    """The primary keys of `model`'s rows whose unique field takes one of the given values, e.g.
    `pks_matching(Student, student_number=[...], id_number=[...])` (any of them), in one query.

    PostgreSQL: one index probe per value (a LATERAL subquery with LIMIT 1, which the planner cannot turn into a
    scan). For `student_number = ANY(<5,000 new numbers>)` it expects 5,000 rows to fetch and scans the whole
    table instead: 120–150 ms at 270,000 students, where the probes take 10–20 ms.
    """
    opts = model._meta
    fields = {name: opts.get_field(name) for name in unique_values}
    for name, field in fields.items():
        if not (field.unique or field.primary_key):
            raise ValueError(f"pks_matching: {opts.label}.{name} is not unique")
    using = router.db_for_read(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        matching = Q()
        for name, values in unique_values.items():
            matching |= Q(**{f"{name}__in": list(values)})
        return list(model._base_manager.using(using).filter(matching).values_list("pk", flat=True))
    quote = connection.ops.quote_name
    table, pk = quote(opts.db_table), quote(opts.pk.column)
    parts, params = [], []
    for name, values in unique_values.items():
        values = [fields[name].get_db_prep_value(v, connection, prepared=False) for v in values]
        if not values:
            continue
        column = quote(fields[name].column)
        parts.append(f"SELECT found.pk FROM unnest(%s::{fields[name].db_type(connection)}[]) AS wanted(value) "
                     f"CROSS JOIN LATERAL (SELECT {pk} AS pk FROM {table} WHERE {column} = wanted.value LIMIT 1) found")
        params.append(values)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)
        return [value for (value,) in cursor.fetchall()]


def in_values(field, values):
    """`Q(<field>__in=values)` for thousands of values: on PostgreSQL `field = ANY(%s)`, as an IN list of 5,000
    placeholders costs more to build, bind and parse (~0.1 s of client CPU for an import's 学号 and 身份证号)
    than the index lookups themselves."""
    return Q(AnyOf(field, values))


_gc_pauses = {"depth": 0, "was_enabled": False}
_gc_lock = threading.Lock()


class paused_gc(contextlib.ContextDecorator):
    """No cyclic garbage collection inside (reference counting still frees everything not in a cycle).

    A 5,000-row import allocates ~10^6 objects; each allocation burst triggered collections, and every full
    one walks all live objects of the worker: 0.2–0.3 s of CPU per import (20–30% of it) for almost no
    garbage, as the rows, results and model instances are not cyclic. Collection resumes when the
    outermost pause (any thread) ends; the cycles made meanwhile (a few per query) are collected then.
    """

    def __enter__(self):
        with _gc_lock:
            if _gc_pauses["depth"] == 0:
                _gc_pauses["was_enabled"] = gc.isenabled()
                gc.disable()
            _gc_pauses["depth"] += 1
        return self

    def __exit__(self, *exc):
        with _gc_lock:
            _gc_pauses["depth"] -= 1
            if _gc_pauses["depth"] == 0 and _gc_pauses["was_enabled"]:
                gc.enable()
        return False
