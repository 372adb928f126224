"""Checking and re-encoding uploaded images: one path for every upload (资料图库, 照片...).

The file name and the browser's content type are ignored: Pillow must recognise the
content as one of the policy's formats. The image is then decoded and written again as a
fresh JPEG (or PNG when it has transparency and the policy keeps it), which drops EXIF (GPS
position, camera serial), embedded thumbnails, comments and anything appended after the data.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000  # a few MB can still decode to gigabytes (decompression bomb)


@dataclass(frozen=True)
class ImagePolicy:
    max_bytes: int
    max_side: int  # stored images are scaled down to fit this square
    formats: frozenset
    hint: str
    thumb_side: int = 0  # 0: no thumbnail
    keep_alpha: bool = True  # False: transparent images are flattened onto white JPEG


GALLERY = ImagePolicy(  # 资料图库: certificates and supporting documents
    max_bytes=5 * 1024 * 1024, max_side=3000, thumb_side=320,
    formats=frozenset({"JPEG", "PNG", "WEBP", "BMP", "GIF"}),
    hint="请上传 JPG 或 PNG 格式的图片（也支持 WEBP、BMP、GIF）；苹果手机的 HEIC 照片请先在相册中导出为 JPG。")
PHOTO = ImagePolicy(  # 学生照片
    max_bytes=2 * 1024 * 1024, max_side=1600, keep_alpha=False,
    formats=frozenset({"JPEG", "PNG", "WEBP"}), hint="请上传 JPG、PNG 或 WEBP 格式的照片。")


@dataclass
class CleanImage:
    data: bytes
    thumbnail: bytes  # empty when the policy makes none
    extension: str  # "jpg" or "png"
    content_type: str
    width: int
    height: int


def megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"


def read_limited(upload, max_bytes, what="文件"):
    """The upload's bytes, refusing more than `max_bytes` without reading them all."""
    limit = megabytes(max_bytes).replace(".0 MB", " MB")
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(f"{what}大小为 {megabytes(size)}，超过了 {limit} 的上限，请压缩后再上传。", code="too_large")
    upload.seek(0)
    raw = upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ValidationError(f"{what}大小超过了 {limit} 的上限，请压缩后再上传。", code="too_large")
    return raw


def _open(upload, policy):
    raw = read_limited(upload, policy.max_bytes, "图片")
    if not raw:
        raise ValidationError("上传的文件是空的。", code="empty")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()  # structure check without decoding the pixels
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"文件内容不是可识别的图片（与文件扩展名无关）。{policy.hint}", code="not_image")
    if fmt not in policy.formats:
        raise ValidationError(f"不支持 {fmt} 格式。{policy.hint}", code="format")
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


def clean_image(upload, policy=GALLERY):
    """Validate `upload` (a Django UploadedFile or file-like) and return the re-encoded image."""
    raw = _open(upload, policy)
    try:
        with Image.open(io.BytesIO(raw)) as source:
            source.seek(0)  # first frame of an animated GIF/WEBP
            image = ImageOps.exif_transpose(source)  # keep the visible orientation, then drop EXIF
            has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
            image = image.convert("RGBA" if has_alpha else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"图片已损坏，无法读取。{policy.hint}", code="broken")
    if has_alpha and not policy.keep_alpha:
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image, has_alpha = flat, False
    # A fresh image: no info dict (EXIF, ICC, XMP, comments) is carried over.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.thumbnail((policy.max_side, policy.max_side))
    thumbnail = b""
    if policy.thumb_side:
        thumb = clean.copy()
        thumb.thumbnail((policy.thumb_side, policy.thumb_side))
        thumbnail = _encode(thumb, has_alpha)
    return CleanImage(
        data=_encode(clean, has_alpha),
        thumbnail=thumbnail,
        extension="png" if has_alpha else "jpg",
        content_type="image/png" if has_alpha else "image/jpeg",
        width=clean.width,
        height=clean.height,
    )


WEB = ImagePolicy(  # 网站内容: article covers, images pasted into the editor, carousel slides
    max_bytes=10 * 1024 * 1024, max_side=1920, formats=frozenset({"JPEG", "PNG", "WEBP", "GIF"}),
    hint="请上传 JPG、PNG 或 WEBP 格式的图片（不超过 10 MB）。")
# The site's logo: transparency kept, small.
LOGO = ImagePolicy(
    max_bytes=2 * 1024 * 1024, max_side=800, formats=frozenset({"JPEG", "PNG", "WEBP"}),
    hint="请上传 JPG、PNG 或 WEBP 格式的图片，不超过 2 MB。")
# Carousel banners: scaled to a 1920 px wide screen, with an ~800 px copy for phones as the thumbnail.
BANNER = ImagePolicy(
    max_bytes=8 * 1024 * 1024, max_side=1920, thumb_side=800, keep_alpha=False,
    formats=frozenset({"JPEG", "PNG", "WEBP"}),
    hint="请上传 JPG、PNG 或 WEBP 格式的图片，不超过 8 MB；建议宽 1920 像素、宽高比约 16:5。")
