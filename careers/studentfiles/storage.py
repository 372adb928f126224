"""Private file storage: student uploads live outside MEDIA_ROOT and have no URL.

They are read only through permission-checked views (`private_file_response`), so a
leaked or guessed path never serves a file. The location is PRIVATE_MEDIA_ROOT when
set, else var/private next to the code.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header


def private_root():
    return str(getattr(settings, "PRIVATE_MEDIA_ROOT", None) or settings.BASE_DIR / "var" / "private")


class PrivateStorage(FileSystemStorage):
    """Looks the root up on every use, so tests (and settings changes) apply at once."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return private_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("私有文件没有公开地址，只能通过权限校验的页面访问。")


def private_storage():
    """Callable for FileField(storage=...): migrations store the reference, not a path."""
    return PrivateStorage()


def private_file_response(field_file, content_type, *, filename, attachment=False):
    """Stream a private file; nothing is cached by shared caches, nothing is sniffed."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
