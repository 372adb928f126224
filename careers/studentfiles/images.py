"""Checking and re-encoding uploaded images (资料图库).

The file name and the browser's content type are ignored: Pillow must recognise the
content as one of ALLOWED_FORMATS. The image is then decoded and written again as a
fresh JPEG (or PNG when it has transparency), which drops EXIF (GPS position, camera
serial), embedded thumbnails, comments and anything appended after the image data.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 5 MB file can still decode to gigabytes (decompression bomb)
MAX_SIDE = 3000  # stored images are scaled down to this; plenty for reading a certificate
THUMB_SIDE = 320
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "GIF"}
FORMAT_HINT = "请上传 JPG 或 PNG 格式的图片（也支持 WEBP、BMP、GIF）；苹果手机的 HEIC 照片请先在相册中导出为 JPG。"


@dataclass
class CleanImage:
    data: bytes
    thumbnail: bytes
    extension: str  # "jpg" or "png"
    content_type: str
    width: int
    height: int


def megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"


def _open(upload):
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(f"图片大小为 {megabytes(size)}，超过了 5 MB 的上限，请压缩后再上传。", code="too_large")
    upload.seek(0)
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValidationError("图片大小超过了 5 MB 的上限，请压缩后再上传。", code="too_large")
    if not raw:
        raise ValidationError("上传的文件是空的。", code="empty")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()  # structure check without decoding the pixels
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"文件内容不是可识别的图片（与文件扩展名无关）。{FORMAT_HINT}", code="not_image")
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(f"不支持 {fmt} 格式。{FORMAT_HINT}", code="format")
    if width * height > MAX_PIXELS:
        raise ValidationError(f"图片尺寸 {width}×{height} 过大（超过 4000 万像素），请缩小后再上传。", code="too_big")
    return raw


def _encode(image, as_png, **extra):
    out = io.BytesIO()
    if as_png:
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "JPEG", quality=85, **extra)
    return out.getvalue()


def clean_image(upload):
    """Validate `upload` (a Django UploadedFile or file-like) and return the re-encoded image."""
    raw = _open(upload)
    try:
        with Image.open(io.BytesIO(raw)) as source:
            source.seek(0)  # first frame of an animated GIF/WEBP
            image = ImageOps.exif_transpose(source)  # keep the visible orientation, then drop EXIF
            has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
            image = image.convert("RGBA" if has_alpha else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"图片已损坏，无法读取。{FORMAT_HINT}", code="broken")
    # A fresh image: no info dict (EXIF, ICC, XMP, comments) is carried over.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.thumbnail((MAX_SIDE, MAX_SIDE))
    thumb = clean.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return CleanImage(
        data=_encode(clean, has_alpha),
        thumbnail=_encode(thumb, has_alpha),
        extension="png" if has_alpha else "jpg",
        content_type="image/png" if has_alpha else "image/jpeg",
        width=clean.width,
        height=clean.height,
    )
