"""What a domain declares to get an import: its fields, a row cleaner and a commit.

    @register
    class MajorImport(ImportSpec):
        slug, label, permission = "org.major", "导入专业设置", "org.major.import"
        fields = [ImportField("name", "专业名称", REQUIRED), ...]
        def clean_row(self, values, context): ...  -> RowResult
        def commit(self, rows, context): ...       # rows: the valid RowResults

The pipeline (runner.py) reads the file, maps columns, trims spaces, checks required
values, calls `clean_row` for every row and `commit` (batch by batch) inside one transaction.
"""

import difflib
from dataclasses import dataclass, field

from ..registry import Registry

REQUIRED = "required"  # must be mapped to a column and every row must have a value
MATCH_REQUIRED = "match_required"  # 必填: must be mapped to a column; values may be empty
OPTIONAL = "optional"  # 选填: may be left unmapped

KIND_LABELS = {REQUIRED: "必须填写", MATCH_REQUIRED: "必填", OPTIONAL: "选填"}
KIND_HELP = {
    REQUIRED: "必须匹配表格中的一列，且每行都不能为空",
    MATCH_REQUIRED: "必须匹配表格中的一列，内容可以留空",
    OPTIONAL: "可以不匹配",
}
ACTION_LABELS = {"create": "新增", "update": "更新", "skip": "无变化"}


@dataclass(frozen=True)
class ImportField:
    name: str
    label: str
    kind: str = OPTIONAL
    help: str = ""
    aliases: tuple = ()
    choices: object = None  # a list, or a callable returning one: the template's dropdown
    normalize: bool = True  # trim and drop stray spaces (a warning says so when it changed)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    def choice_list(self):
        values = self.choices() if callable(self.choices) else self.choices
        return [str(v) for v in values or ()]


@dataclass
class RowResult:
    ok: bool = True
    errors: dict = field(default_factory=dict)  # field name -> reason
    warnings: list = field(default_factory=list)
    action: str = "create"  # create | update | skip
    payload: dict = field(default_factory=dict)  # JSON-friendly values for commit()
    changes: dict = field(default_factory=dict)  # field label -> [old, new], shown for updates
    row: int = 0  # Excel row number, set by the pipeline

    def __post_init__(self):
        if self.errors:
            self.ok = False

    def error(self, name, reason):
        self.errors.setdefault(name, reason)  # the first reason per field is the useful one
        self.ok = False

    def warn(self, message):
        self.warnings.append(message)


class ImportContext:
    """Per-run state handed to the spec: the user, upload-step extras and a cache."""

    def __init__(self, spec, user, extra=None):
        self.spec = spec
        self.user = user
        self.extra = extra or {}
        self.cache = {}
        self.seen = {}  # identity -> first Excel row number, for in-file duplicates
        self.row = 0
        self._inputs = _UNLOADED

    def inputs(self, rows):
        """spec.inputs(self, rows), loaded once per run: the runner digests them, prepare() builds from them.
        `rows` may be a callable returning them (only called when they are not loaded yet)."""
        if self._inputs is _UNLOADED:
            self._inputs = self.spec.inputs(self, rows() if callable(rows) else rows)
        return self._inputs

    def first_seen(self, identity):
        """The earlier row with this identity, or None (and remember this row)."""
        earlier = self.seen.get(identity)
        if earlier is None:
            self.seen[identity] = self.row
        return earlier


_UNLOADED = object()


class ImportSpec:
    slug = ""
    label = ""
    permission = ""
    fields = []
    max_rows = 5000
    list_url_name = ""  # where to go back to after an import
    # commit() is called with at most this many rows at a time (progress moves between calls,
    # all in one transaction); None: every row in one call, when rows depend on each other.
    commit_batch_size = 1000
    template_filename = ""
    # Part of the fingerprint of stored check results (reuse.py): bump when clean_row() would now give other
    # results for the same inputs, so a check made before a deployment is re-validated by the commit after it.
    check_version = 1

    def field(self, name):
        return next(f for f in self.fields if f.name == name)

    def upload_fields(self, user):
        """Extra form fields on the upload step (e.g. which code table), name -> form field."""
        return {}

    def clean_extra(self, cleaned_data):
        """Upload-step values as JSON (model instances become primary keys)."""
        return {name: getattr(value, "pk", value) for name, value in cleaned_data.items()}

    def describe_extra(self, extra):
        """A short line about the extras for the page headings, e.g. "代码表：民族"."""
        return ""

    def has_permission(self, user):
        return bool(user.is_authenticated and user.has_permission(self.permission))

    def inputs(self, context, rows):
        """Everything clean_row() reads besides the row values, loaded from the database as plain data in a
        stable order (lists of tuples, sorted keys...), or None: not declared.

        Declaring them lets the commit reuse the check's row results when they are unchanged
        (imports/reuse.py): then neither prepare() nor clean_row() runs again, so commit() must not rely on
        what prepare() loaded. Read them in prepare() through `context.inputs(rows)` (loaded once per run).
        """
        return None

    def prepare(self, context, rows):
        """Load lookups once before validation; `rows` is [(row number, values), ...]."""

    def clean_row(self, values, context):
        raise NotImplementedError

    def commit(self, rows, context):
        """Write the valid rows (inside the pipeline's transaction), a batch at a time."""
        raise NotImplementedError


def nearest(value, options, cutoff=0.55):
    """The option the user probably meant: the only one containing the value, else by spelling."""
    value, options = str(value), [str(o) for o in options]
    containing = [o for o in options if value and (value in o or o in value)]
    if len(containing) == 1:
        return containing[0]
    found = difflib.get_close_matches(value, options, n=1, cutoff=cutoff)
    return found[0] if found else None


def unknown_value(value, what, options, *, limit=8):
    """“X”不是有效的学历，可选值：…。您是否要填“Y”？"""
    options = list(options)
    shown = "、".join(options[:limit]) + (f" 等 {len(options)} 项" if len(options) > limit else "")
    message = f"“{value}”不是有效的{what}" + (f"，可选值：{shown}" if options else "，且系统中尚未设置任何可选值")
    guess = nearest(value, options)
    return message + (f"。您是否要填“{guess}”？" if guess else "。")


class SpecRegistry:
    """Import specs by slug; `@register` on an ImportSpec subclass declares one."""

    def __init__(self):
        self.specs: Registry[ImportSpec] = Registry("import spec")

    def register(self, spec_class):
        spec = spec_class()
        self.specs.register(spec.slug, spec, replace=True)  # a test may declare a spec again
        return spec_class

    def get(self, slug):
        return self.specs.get(slug)


registry = SpecRegistry()
register = registry.register
get_spec = registry.get
