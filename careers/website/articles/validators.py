"""Uploaded files of an article checked by their content, never by name or the browser's type.

video       MP4 (an `ftyp` box first) or WebM (EBML header with DocType webm), ≤ 200 MB
attachment  PDF (opened with pypdf), docx/xlsx/pptx (their zip parts), doc/xls/ppt (OLE), images (core.uploads),
            zip, plain text; ≤ 50 MB
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from careers.core.uploads import WEB, clean_image, megabytes

MAX_VIDEO = 200 * 1024 * 1024
MAX_ATTACHMENT = 50 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_PARTS = {"word/document.xml": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                "xl/workbook.xml": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                "ppt/presentation.xml": ("pptx",
                                         "application/vnd.openxmlformats-officedocument.presentationml.presentation")}
OLE_TYPES = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}


def _size_check(upload, limit, what):
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(f"{what}大小为 {megabytes(size)}，超过了 {megabytes(limit)} 的上限。", code="too_large")
    if not size:
        raise ValidationError(f"{what}是空文件。", code="empty")


def _head(upload, n):
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def video_type(upload):
    """'video/mp4' or 'video/webm' for a real video file; ValidationError naming 视频文件 otherwise."""
    _size_check(upload, MAX_VIDEO, "视频文件")
    head = _head(upload, 64)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in _head(upload, 4096):
        return "video/webm"
    raise ValidationError("视频文件的内容不是 MP4 或 WebM 视频（与文件扩展名无关），请上传 MP4（H.264）或 WebM 格式的视频。",
                          code="not_video")


@dataclass
class CheckedFile:
    content_type: str
    extension: str
    data: bytes | None = None  # re-encoded bytes (images); None: store the upload as it is


def _pdf_ok(upload):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(upload)
        return len(reader.pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return False
    finally:
        upload.seek(0)


def _text_ok(upload):
    raw = _head(upload, 64 * 1024)
    if b"\x00" in raw:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            raw.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start > len(raw) - 4:  # a character cut at the sample's end
                return True
    return False


def attachment_type(upload):
    """The attachment's real type, recognised by content (CheckedFile); ValidationError naming 附件 otherwise."""
    _size_check(upload, MAX_ATTACHMENT, "附件")
    name = (getattr(upload, "name", "") or "").lower()
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    head = _head(upload, 16)
    if head.startswith(b"%PDF-"):
        if _pdf_ok(upload):
            return CheckedFile("application/pdf", "pdf")
        raise ValidationError("附件看起来是 PDF，但文件已损坏，无法打开。", code="broken")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if archive.testzip() is not None:
                    raise zipfile.BadZipFile
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ValidationError("附件是损坏的压缩文件或 Office 文档，无法打开。", code="broken")
        finally:
            upload.seek(0)
        for part, (office_ext, content_type) in OFFICE_PARTS.items():
            if part in names:
                return CheckedFile(content_type, office_ext)
        return CheckedFile("application/zip", "zip")
    if head.startswith(OLE_MAGIC):
        old = ext if ext in OLE_TYPES else "doc"
        return CheckedFile(OLE_TYPES[old], old)
    if head[:3] == b"\xff\xd8\xff" or head.startswith(b"\x89PNG") or head[:4] in (b"GIF8", b"RIFF"):
        image = clean_image(upload, WEB)
        return CheckedFile(image.content_type, image.extension, image.data)
    if ext in ("txt", "csv", "md") and _text_ok(upload):
        return CheckedFile("text/plain; charset=utf-8" if ext != "csv" else "text/csv", ext)
    raise ValidationError("附件格式不支持或内容与扩展名不符：可上传 PDF、Word、Excel、PowerPoint、图片、ZIP 压缩包或 TXT 文本。",
                          code="format")


def image_bytes(upload):
    """Re-encoded image bytes for a cover or an editor image (core.uploads, web policy)."""
    return clean_image(upload, WEB)


__all__ = ["attachment_type", "image_bytes", "video_type"]
