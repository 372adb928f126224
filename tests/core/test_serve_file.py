"""core.downloads.serve_file: whole file, byte ranges (video seeking), unsatisfiable ranges, 304 and missing files."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from careers.core.downloads import byte_range, serve_file

DATA = bytes(range(256)) * 40  # 10,240 bytes


class _Field:
    storage = None


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("clip.mp4", ContentFile(DATA))
    field = _Field()
    field.storage = storage
    return FieldFile(None, field, name)


def body(response):
    return b"".join(response.streaming_content)


def test_whole_file_advertises_ranges(stored):
    response = serve_file(RequestFactory().get("/"), stored)
    assert response.status_code == 200 and body(response) == DATA
    assert response["Accept-Ranges"] == "bytes" and response["Content-Type"] == "video/mp4"
    assert response["Content-Length"] == str(len(DATA))


@pytest.mark.parametrize("header, start, end", [("bytes=0-99", 0, 99), ("bytes=10000-", 10000, 10239),
                                                 ("bytes=-40", 10200, 10239), ("bytes=10200-99999", 10200, 10239)])
def test_ranges(stored, header, start, end):
    response = serve_file(RequestFactory().get("/", HTTP_RANGE=header), stored)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(DATA)}"
    assert body(response) == DATA[start:end + 1]


def test_unsatisfiable_and_not_modified(stored):
    response = serve_file(RequestFactory().get("/", HTTP_RANGE="bytes=20000-"), stored)
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{len(DATA)}"
    last = serve_file(RequestFactory().get("/"), stored)["Last-Modified"]
    assert serve_file(RequestFactory().get("/", HTTP_IF_MODIFIED_SINCE=last), stored).status_code == 304


def test_missing_file_is_404(stored):
    stored.storage.delete(stored.name)
    with pytest.raises(Http404):
        serve_file(RequestFactory().get("/"), stored)


@given(st.text(max_size=30), st.integers(min_value=0, max_value=10_000))
def test_byte_range_never_leaves_the_file(header, size):
    span = byte_range(header, size)
    if isinstance(span, tuple):
        assert 0 <= span[0] <= span[1] < size
