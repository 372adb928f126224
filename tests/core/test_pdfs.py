"""PDF uploads are parsed (pypdf): active content is found however it is written or packed."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.pdfgen import canvas

from careers.core.pdfs import check_pdf


def written(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def clean_reportlab_pdf():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)  # compressed page content, like real exports
    page.drawString(72, 720, "Resume")
    page.showPage()
    page.save()
    return buffer.getvalue()


def writer_with(**root):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    for key, value in root.items():
        writer._root_object[NameObject(f"/{key}")] = value
    return writer


def action(kind, **entries):
    return DictionaryObject({NameObject("/S"): NameObject(f"/{kind}"),
                             **{NameObject(f"/{k}"): v for k, v in entries.items()}})


def with_javascript():
    """Document-level JavaScript (the /Names /JavaScript name tree) run when the file opens."""
    scripts = DictionaryObject({NameObject("/Names"): ArrayObject([
        TextStringObject("init"), action("JavaScript", JS=TextStringObject("app.alert('x');"))])})
    return written(writer_with(Names=DictionaryObject({NameObject("/JavaScript"): scripts})))


def name_escaped():
    data = written(writer_with(OpenAction=action("JavaScript", JS=TextStringObject("app.alert(1)"))))
    return data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")


def object_stream(hidden=b"<< /S /JavaScript /JS (app.alert(1)) >>", pointer=b"/OpenAction 5 0 R"):
    """Object 5 lives only inside a compressed object stream (object 4), listed by an xref stream."""
    parts, offsets = [b"%PDF-1.5\n"], {}

    def add(number, body):
        offsets[number] = sum(len(p) for p in parts)
        parts.append(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    add(1, b"<< /Type /Catalog /Pages 2 0 R " + pointer + b" >>")
    add(2, b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] >>")
    header = b"5 0 "
    packed = zlib.compress(header + hidden)
    add(4, b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(packed))
        + packed + b"\nendstream")
    xref_at = sum(len(p) for p in parts)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (1, 2, 3, 4)]
    rows += [struct.pack(">BIH", 2, 4, 0), struct.pack(">BIH", 1, xref_at, 0)]
    table = b"".join(rows)
    parts.append(b"6 0 obj\n<< /Type /XRef /Size 7 /W [ 1 4 2 ] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
                 + table + b"\nendstream\nendobj\n")
    parts.append(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return b"".join(parts)


def embedded_file():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return written(writer)


def xfa():
    form = DictionaryObject({NameObject("/Fields"): ArrayObject(),
                             NameObject("/XFA"): TextStringObject("<xdp:xdp/>")})
    return written(writer_with(AcroForm=form))


def launch():
    return written(writer_with(OpenAction=action("Launch", F=TextStringObject("cmd.exe"))))


def page_additional_action():
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): action("JavaScript", JS=TextStringObject("x"))})
    return written(writer)


def test_a_clean_pdf_is_accepted():
    check_pdf(clean_reportlab_pdf())
    check_pdf(written(writer_with()))
    check_pdf(object_stream(hidden=b"<< /S /GoTo /D [ 3 0 R /Fit ] >>"))  # object streams as such are fine


@pytest.mark.parametrize(("make", "reason"), [
    (with_javascript, "脚本"),
    (name_escaped, "脚本"),
    (object_stream, "脚本"),
    (lambda: object_stream(hidden=b"<< /S /Launch /F (calc.exe) >>"), "启动外部程序"),
    (lambda: object_stream(pointer=b"/Names << /EmbeddedFiles 5 0 R >>",
                           hidden=b"<< /Names [ (a) << /Type /Filespec >> ] >>"), "嵌入文件"),
    (embedded_file, "嵌入文件"),
    (xfa, "XFA"),
    (launch, "启动外部程序"),
    (page_additional_action, "脚本"),
])
def test_active_content_is_refused(make, reason):
    with pytest.raises(ValidationError, match=reason) as caught:
        check_pdf(make())
    assert caught.value.code == "active"


def test_object_stream_content_is_invisible_to_a_byte_search():
    """The sample really hides the script: the raw bytes never spell it."""
    assert b"JavaScript" not in object_stream() and b"/JS" not in object_stream()


@pytest.mark.parametrize("data", [
    clean_reportlab_pdf()[:300],  # truncated
    b"%PDF-1.7\n" + bytes(range(256)) * 8,
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
])
def test_files_that_do_not_parse_are_refused(data):
    with pytest.raises(ValidationError, match="无法解析|损坏") as caught:
        check_pdf(data)
    assert caught.value.code == "broken"


def test_not_a_pdf_is_refused():
    with pytest.raises(ValidationError, match="附件不是 PDF"):
        check_pdf(b"MZ\x90\x00")


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_encrypted_pdf_with_a_password_is_refused(algorithm):
    writer = writer_with()
    try:
        writer.encrypt("secret", algorithm=algorithm)
    except Exception:  # AES needs a crypto library to write it
        pytest.skip(f"{algorithm} needs cryptography")
    with pytest.raises(ValidationError, match="密码") as caught:
        check_pdf(written(writer))
    assert caught.value.code == "encrypted"


def test_the_upload_paths_use_it():
    """Résumé attachments, unit documents and licences all go through check_pdf."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from careers.events.participants.files import clean_document
    from careers.recruitment.appeals.forms import clean_licence_file
    from careers.recruitment.employers.forms import clean_licence
    from careers.resumes.attachments import clean_pdf

    for clean in (clean_pdf, lambda u: clean_document(u, "回执"), clean_licence, clean_licence_file):
        with pytest.raises(ValidationError, match="脚本"):
            clean(SimpleUploadedFile("x.pdf", object_stream()))
