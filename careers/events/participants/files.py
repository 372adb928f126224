"""Files a participating unit uploads (signed receipt, transfer proof, poster, 招聘简章), checked by content.

The file name and the browser's content type are ignored. Documents are JPG/PNG images (re-encoded, which
drops EXIF and anything appended) or PDFs without active content; posters are images only.
"""

from django.core.exceptions import ValidationError

from careers.core.uploads import ImagePolicy, clean_image, read_limited
from careers.resumes.attachments import clean_pdf

MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_POLICY = ImagePolicy(max_bytes=MAX_BYTES, max_side=3000, formats=frozenset({"JPEG", "PNG"}),
                              hint="请上传 JPG、PNG 图片或 PDF 文件。")
POSTER_POLICY = ImagePolicy(max_bytes=MAX_BYTES, max_side=3000, formats=frozenset({"JPEG", "PNG"}),
                            hint="海报请上传 JPG 或 PNG 图片。")
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


def clean_document(upload, what):
    """(bytes, extension) of a JPG/PNG/PDF upload ≤ 5 MB; ValidationError naming `what` otherwise."""
    raw = read_limited(upload, MAX_BYTES, what)
    if not raw:
        raise ValidationError(f"上传的{what}是空的。")
    if raw.startswith(b"%PDF-"):
        try:
            return clean_pdf(upload), "pdf"
        except ValidationError as exc:
            raise ValidationError(f"{what}（PDF）：" + "；".join(exc.messages))
    try:
        image = clean_image(upload, DOCUMENT_POLICY)
    except ValidationError as exc:
        if exc.code in ("not_image", "format"):
            raise ValidationError(f"{what}须为 JPG、PNG 图片或 PDF 文件（按文件内容判断，与扩展名无关），不超过 5 MB。")
        raise ValidationError(f"{what}：" + "；".join(exc.messages))
    return image.data, image.extension


def clean_poster(upload):
    try:
        image = clean_image(upload, POSTER_POLICY)
    except ValidationError as exc:
        raise ValidationError("海报图片：" + "；".join(exc.messages))
    return image.data, image.extension


def content_type_of(field_file):
    ext = field_file.name.rsplit(".", 1)[-1].lower() if field_file else ""
    return CONTENT_TYPES.get(ext, "application/octet-stream")
