"""One import in progress: the uploaded file and its state, kept privately in storage.

Files live under `imports/<token>/` in the default storage (MEDIA_ROOT, which is never
served by URL): `source.<ext>` (the upload), `meta.json` (owner, spec, headers, mapping,
job ids) and `report.json` (the dry-run result the commit is checked against).
"""

import hashlib
import json
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .readers import extension_of, read_table

ROOT = "imports"
PREVIEW_ROWS = 3  # shown under the field-matching form


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

    def save(self):
        self._put("meta.json", json.dumps(self.meta, ensure_ascii=False).encode("utf-8"))

    def update(self, **values):
        self.meta.update(values)
        self.save()

    def read_source(self):
        with default_storage.open(self.source_path, "rb") as handle:
            return handle.read()

    def sheet(self, max_rows=None):
        data = self.read_source()
        if hashlib.sha256(data).hexdigest() != self.meta["sha256"]:
            raise ValueError("uploaded file changed in storage")
        return read_table(data, self.meta["filename"], max_rows=max_rows)

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
