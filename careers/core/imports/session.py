"""One import in progress: the uploaded file and its state, kept privately in storage.

Files live under `imports/<token>/` in the default storage (MEDIA_ROOT, which is never
served by URL): `source.<ext>` (the upload), `meta.json` (owner, spec, headers, mapping,
job ids), `report.json` (the dry-run result the commit is checked against) and
`results.json` (the rows the check would write, see reuse.py).
"""

import hashlib
import json
import threading
import uuid
from collections import OrderedDict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .readers import Sheet, check_row_limit, extension_of, read_table

ROOT = "imports"
PREVIEW_ROWS = 3  # shown under the field-matching form
SHEET_FORMAT = 1  # bump when readers.py would parse the same file differently

# The parsed sheets of the last few uploads in this process, by (token, sha256): the upload
# request, the check job and the commit job of one import usually run in one process (small
# files inline, or the same worker), so the file is parsed once. Other processes use
# sheet.json, written at upload; the source file's hash is checked every time either way.
_PARSED = OrderedDict()
_PARSED_LIMIT = 2
_PARSED_LOCK = threading.Lock()


def _remember(key, sheet):
    with _PARSED_LOCK:
        _PARSED[key] = sheet
        _PARSED.move_to_end(key)
        while len(_PARSED) > _PARSED_LIMIT:
            _PARSED.popitem(last=False)


def _recall(key):
    with _PARSED_LOCK:
        return _PARSED.get(key)


class ImportSession:
    def __init__(self, token, meta):
        self.token = token
        self.meta = meta

    # -- creation and loading -------------------------------------------------------
    @classmethod
    def create(cls, spec, user, filename, data, sheet, extra=None):
        token = uuid.uuid4().hex
        source = f"source{extension_of(filename)}"
        meta = {
            "slug": spec.slug,
            "user_id": user.pk,
            "filename": filename[:200],
            "source": source,
            "sha256": hashlib.sha256(data).hexdigest(),
            "headers": sheet.headers,
            "row_count": sheet.row_count,
            "extra": extra or {},
            "preview": [cells for _, cells in sheet.rows[:PREVIEW_ROWS]],
            "created": timezone.now().isoformat(),
        }
        session = cls(token, meta)
        session._put(source, data)
        session._save_sheet(sheet)
        session.save()
        return session

    @classmethod
    def load(cls, token, *, user, slug):
        """The session if it exists, belongs to `user` and to spec `slug`; otherwise None."""
        if not (isinstance(token, str) and len(token) == 32 and token.isalnum()):
            return None
        try:
            with default_storage.open(f"{ROOT}/{token}/meta.json", "rb") as handle:
                meta = json.loads(handle.read().decode("utf-8"))
        except (FileNotFoundError, OSError, ValueError):
            return None
        if meta.get("user_id") != getattr(user, "pk", None) or meta.get("slug") != slug:
            return None
        return cls(token, meta)

    # -- storage --------------------------------------------------------------------
    def path(self, name):
        return f"{ROOT}/{self.token}/{name}"

    @property
    def source_path(self):
        """The upload's name in storage (kept in the jobs' params for the record)."""
        return self.path(self.meta["source"])

    def _put(self, name, data):
        path = self.path(name)
        if default_storage.exists(path):
            default_storage.delete(path)
        default_storage.save(path, ContentFile(data))

    def put_file(self, name, data):
        """Keep `data` (bytes) as `name` in this import's private folder."""
        self._put(name, data)

    def read_file(self, name):
        """The bytes of `name` in this import's folder, or None."""
        try:
            with default_storage.open(self.path(name), "rb") as handle:
                return handle.read()
        except (FileNotFoundError, OSError):
            return None

    def delete_file(self, name):
        if default_storage.exists(self.path(name)):
            default_storage.delete(self.path(name))

    def save(self):
        self._put("meta.json", json.dumps(self.meta, ensure_ascii=False).encode("utf-8"))

    def update(self, **values):
        self.meta.update(values)
        self.save()

    def read_source(self):
        with default_storage.open(self.source_path, "rb") as handle:
            return handle.read()

    def sheet(self, max_rows=None):
        """The upload parsed into a Sheet; the file itself is read and its hash checked, but it
        is parsed only when neither this process nor sheet.json has the result."""
        data = self.read_source()
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 != self.meta["sha256"]:
            raise ValueError("uploaded file changed in storage")
        key = (self.token, sha256)
        sheet = _recall(key) or self._load_sheet(sha256)
        if sheet is None:
            sheet = read_table(data, self.meta["filename"], max_rows=max_rows)
            self._save_sheet(sheet)
        else:
            check_row_limit(sheet.row_count, max_rows)
        _remember(key, sheet)
        return sheet

    def _save_sheet(self, sheet):
        body = {"format": SHEET_FORMAT, "sha256": self.meta["sha256"], "headers": sheet.headers, "rows": sheet.rows}
        self._put("sheet.json", json.dumps(body, ensure_ascii=False).encode("utf-8"))
        _remember((self.token, self.meta["sha256"]), sheet)

    def _load_sheet(self, sha256):
        try:
            with default_storage.open(self.path("sheet.json"), "rb") as handle:
                body = json.loads(handle.read().decode("utf-8"))
        except (FileNotFoundError, OSError, ValueError):
            return None
        if not isinstance(body, dict) or body.get("format") != SHEET_FORMAT or body.get("sha256") != sha256:
            return None
        return Sheet(headers=body["headers"], rows=[(number, cells) for number, cells in body["rows"]])

    def save_report(self, report):
        self._put("report.json", json.dumps(report, ensure_ascii=False).encode("utf-8"))

    def load_report(self):
        try:
            with default_storage.open(self.path("report.json"), "rb") as handle:
                return json.loads(handle.read().decode("utf-8"))
        except (FileNotFoundError, OSError, ValueError):
            return None

    def delete_report(self):
        if default_storage.exists(self.path("report.json")):
            default_storage.delete(self.path("report.json"))
