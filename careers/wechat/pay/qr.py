"""QR codes drawn here (segno), never by a third-party image service: inline SVG for pages, PNG for downloads."""

import io

import segno


def qr_svg(text, scale=5):
    """Inline <svg> markup of `text`'s QR code (safe to mark safe: segno escapes nothing user-given into it
    beyond the modules it draws)."""
    return segno.make(text, error="m").svg_inline(scale=scale, dark="#111", light="#fff")


def qr_png(text, scale=6):
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
