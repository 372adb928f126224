"""Upload checks of the unit's documents (signed receipt, transfer proof, 招聘简章) and posters: by content,
never by name; arbitrary bytes are either refused with a Chinese message or come back as a clean JPG/PNG/PDF."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from careers.events.participants.files import clean_document, clean_poster
from tests.resumes.test_resumes import PDF
from tests.studentfiles.helpers import jpeg_bytes, png_bytes


def upload(data, name="file.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=2048), st.binary(max_size=512).map(lambda b: b"%PDF-1.4\n" + b),
                 st.binary(max_size=512).map(lambda b: b"\xff\xd8\xff\xe0" + b),
                 st.binary(max_size=512).map(lambda b: b"\x89PNG\r\n\x1a\n" + b)))
def test_arbitrary_bytes_are_refused_in_chinese_or_cleaned(data):
    try:
        cleaned, extension = clean_document(upload(data), "签字回执")
    except ValidationError as exc:
        assert exc.messages and all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in exc.messages)
    else:
        assert extension in ("pdf", "jpg", "png") and cleaned


def test_images_are_reencoded_without_exif():
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    data, extension = clean_document(upload(jpeg_bytes(exif=exif)), "转账凭证")
    assert extension == "jpg" and b"SecretCam" not in data
    assert Image.open(io.BytesIO(data)).format == "JPEG"


def test_pdf_with_javascript_is_refused():
    bad = PDF.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
    with pytest.raises(ValidationError, match="签字回执（PDF）"):
        clean_document(upload(bad, "r.pdf"), "签字回执")


def test_clean_pdf_and_png_pass():
    assert clean_document(upload(PDF, "r.pdf"), "签字回执")[1] == "pdf"
    assert clean_document(upload(png_bytes(), "r.png"), "签字回执")[1] in ("png", "jpg")


def test_poster_must_be_an_image():
    with pytest.raises(ValidationError, match="海报图片"):
        clean_poster(upload(PDF, "poster.pdf"))
    assert clean_poster(upload(jpeg_bytes()))[1] == "jpg"


def test_size_limit_names_the_document():
    with pytest.raises(ValidationError, match="转账凭证大小为 5.0 MB"):
        clean_document(upload(b"\xff\xd8" + b"0" * (5 * 1024 * 1024)), "转账凭证")
