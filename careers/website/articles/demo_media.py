"""Small real files for the demo articles, made offline: covers (Pillow), PDFs (reportlab), a workbook (openpyxl)
and a short playable WebM video — VP8 key frames taken from Pillow's lossy WebP encoder (a WebP file's "VP8 "
chunk is a VP8 key frame) muxed into a minimal Matroska/WebM container."""

import io
import struct

from PIL import Image, ImageDraw

PALETTE = [(13, 110, 253), (25, 135, 84), (220, 53, 69), (255, 193, 7), (111, 66, 193), (32, 201, 151)]


def cover_png(seed, size=(960, 540)):
    """A colourful abstract cover (gradient, circles): real image bytes for the re-encoding path."""
    first, second = PALETTE[seed % len(PALETTE)], PALETTE[(seed + 2) % len(PALETTE)]
    image = Image.new("RGB", size, first)
    draw = ImageDraw.Draw(image)
    w, h = size
    for y in range(h):
        t = y / h
        draw.line([(0, y), (w, y)], fill=tuple(int(a * (1 - t) + b * t) for a, b in zip(first, second)))
    for i in range(6):
        r = 40 + (seed * 37 + i * 53) % 140
        x, y = (seed * 97 + i * 181) % w, (seed * 61 + i * 113) % h
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(255, 255, 255), width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def pdf(title, paragraphs):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setTitle(title)
    c.setFont("STSong-Light", 18)
    c.drawString(72, 770, title)
    c.setFont("STSong-Light", 11)
    y = 730
    for text in paragraphs:
        for start in range(0, len(text), 38):
            c.drawString(72, y, text[start:start + 38])
            y -= 20
        y -= 8
    c.showPage()
    c.save()
    return out.getvalue()


def xlsx(title, header, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- WebM (EBML) --------------------------------------------------------------------------------------
def _size(n):
    for length in range(1, 9):
        if n < (1 << (7 * length)) - 1:
            return ((1 << (7 * length)) | n).to_bytes(length, "big")
    raise ValueError(n)


def _el(element_id, payload):
    return element_id + _size(len(payload)) + payload


def _uint(n):
    return n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")


def _vp8_frame(image):
    out = io.BytesIO()
    image.save(out, "WEBP", quality=60, lossless=False)
    data = out.getvalue()
    pos = 12
    while pos < len(data):
        tag, length = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if tag == b"VP8 ":
            return data[pos + 8:pos + 8 + length]
        pos += 8 + length + (length & 1)
    raise ValueError("no VP8 chunk")


def webm_video(seconds=4, fps=5, size=(320, 180)):
    """A short WebM (VP8, key frames only) of a moving shape: plays in every current browser."""
    w, h = size
    frames = []
    for i in range(seconds * fps):
        image = Image.new("RGB", size, (13, 110, 253))
        draw = ImageDraw.Draw(image)
        x = int((w - 60) * i / max(1, seconds * fps - 1))
        draw.rectangle([x, h // 2 - 30, x + 60, h // 2 + 30], fill=(255, 193, 7))
        draw.rectangle([0, h - 12, int(w * (i + 1) / (seconds * fps)), h], fill=(255, 255, 255))
        frames.append(_vp8_frame(image))
    header = _el(b"\x1a\x45\xdf\xa3", b"".join([
        _el(b"\x42\x86", _uint(1)), _el(b"\x42\xf7", _uint(1)), _el(b"\x42\xf2", _uint(4)),
        _el(b"\x42\xf3", _uint(8)), _el(b"\x42\x82", b"webm"), _el(b"\x42\x87", _uint(2)),
        _el(b"\x42\x85", _uint(2))]))
    info = _el(b"\x15\x49\xa9\x66", b"".join([
        _el(b"\x2a\xd7\xb1", _uint(1_000_000)), _el(b"\x44\x89", struct.pack(">d", seconds * 1000.0)),
        _el(b"\x4d\x80", b"careers-demo"), _el(b"\x57\x41", b"careers-demo")]))
    video = _el(b"\xe0", _el(b"\xb0", _uint(w)) + _el(b"\xba", _uint(h)))
    tracks = _el(b"\x16\x54\xae\x6b", _el(b"\xae", b"".join([
        _el(b"\xd7", _uint(1)), _el(b"\x73\xc5", _uint(1)), _el(b"\x83", _uint(1)), _el(b"\x9c", _uint(0)),
        _el(b"\x86", b"V_VP8"), _el(b"\x23\xe3\x83", _uint(1_000_000_000 // fps)), video])))
    blocks = b"".join(
        _el(b"\xa3", b"\x81" + struct.pack(">h", i * 1000 // fps) + b"\x80" + frame)
        for i, frame in enumerate(frames))
    cluster = _el(b"\x1f\x43\xb6\x75", _el(b"\xe7", _uint(0)) + blocks)
    segment = _el(b"\x18\x53\x80\x67", info + tracks + cluster)
    return header + segment
