"""File downloads with the name the user should see, Chinese included.

`FileResponse` sets Content-Disposition only when handed a file-like object; given bytes
or an iterator it silently leaves the header out, and browsers save "download.xlsx".
`attachment` always sets it (RFC 6266 / RFC 5987: an ASCII fallback plus filename*).
"""

import io

from django.http import FileResponse
from django.utils.http import content_disposition_header


def attachment(content, filename, content_type=None):
    """A download response for `content` (bytes or an open binary file) named `filename`."""
    handle = io.BytesIO(content) if isinstance(content, (bytes, bytearray)) else content
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
