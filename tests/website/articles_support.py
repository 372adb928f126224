"""Helpers for the 网站菜单 / 一般资讯 tests (the categories and articles areas)."""

import io
import struct

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from careers.website.models import Article, ArticleStatus, Category


def category(name="中心新闻", slug=None, kind="news", **kwargs):
    return Category.objects.create(name=name, slug=slug or f"c-{Category.objects.count() + 1}", kind=kind, **kwargs)


def article(cat, title="关于举办2026届毕业生双选会的通知", **kwargs):
    kwargs.setdefault("status", ArticleStatus.PUBLISHED)
    if kwargs["status"] == ArticleStatus.PUBLISHED:
        from django.utils import timezone

        kwargs.setdefault("published_at", timezone.now() - timezone.timedelta(days=1))
    return Article.objects.create(category=cat, title=title, **kwargs)


def png_bytes(size=(40, 30), color="red"):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def png_upload(name="a.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def mp4_bytes():
    """A minimal ISO-BMFF file: an `ftyp` box then an empty `mdat` (recognised by content)."""
    ftyp = b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"
    return struct.pack(">I", 8 + len(ftyp)) + b"ftyp" + ftyp + struct.pack(">I", 8 + 4000) + b"mdat" + b"\0" * 4000


def pdf_bytes(text="就业质量年报"):
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, "report")
    c.showPage()
    c.save()
    return out.getvalue()
