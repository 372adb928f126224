"""File downloads with the name the user should see, Chinese included.

`FileResponse` sets Content-Disposition only when handed a file-like object; given bytes
or an iterator it silently leaves the header out, and browsers save "download.xlsx".
`attachment` always sets it (RFC 6266 / RFC 5987: an ASCII fallback plus filename*). `serve_file` sends a
stored public file with Range requests (video seeking, resumed downloads).
"""

import io
import mimetypes
import re

from django.http import FileResponse
from django.utils.http import content_disposition_header


def attachment(content, filename, content_type=None):
    """A download response for `content` (bytes or an open binary file) named `filename`."""
    handle = io.BytesIO(content) if isinstance(content, (bytes, bytearray)) else content
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def byte_range(header, size):
    """(start, end inclusive) of a single `Range: bytes=…` header within `size` bytes; None for no or an
    unsupported header (multiple ranges: the whole file is sent); "unsatisfiable" when it lies outside."""
    match = _RANGE.match((header or "").strip())
    if not match or size <= 0:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        return (max(size - length, 0), size - 1) if length else "unsatisfiable"
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return "unsatisfiable"
    return start, end


def _chunks(handle, start, length, block=64 * 1024):
    handle.seek(start)
    try:
        while length > 0:
            data = handle.read(min(block, length))
            if not data:
                break
            length -= len(data)
            yield data
    finally:
        handle.close()


def serve_file(request, fieldfile, *, content_type=None, filename=None, inline=True, max_age=3600):
    """A public stored file (site images, videos, downloads) with HTTP Range support — video players seek with
    it and phones resume downloads — plus Last-Modified / If-Modified-Since and a cache lifetime. Raises
    Http404 when the file is missing from storage."""
    from django.http import Http404, HttpResponse, StreamingHttpResponse
    from django.utils.http import http_date, parse_http_date_safe

    storage = fieldfile.storage
    name = fieldfile.name
    if not name or not storage.exists(name):
        raise Http404("文件不存在或已被删除。")
    size = storage.size(name)
    try:
        modified = int(storage.get_modified_time(name).timestamp())
    except (NotImplementedError, AttributeError, OSError):
        modified = None
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if modified is not None and since is not None and modified <= since and "Range" not in request.headers:
        response = HttpResponse(status=304)
    else:
        span = byte_range(request.headers.get("Range"), size)
        if span == "unsatisfiable":
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
        elif span is None:
            response = FileResponse(storage.open(name, "rb"), content_type=content_type)
            response["Content-Length"] = str(size)
        else:
            start, end = span
            response = StreamingHttpResponse(_chunks(storage.open(name, "rb"), start, end - start + 1),
                                             status=206, content_type=content_type)
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["X-Content-Type-Options"] = "nosniff"
    if filename or not inline:
        response["Content-Disposition"] = content_disposition_header(not inline, filename or name.rsplit("/", 1)[-1])
    return response
