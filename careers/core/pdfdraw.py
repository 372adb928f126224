"""Printed forms as PDF (回执, 协议书, 申请表): the CJK font and a fast form-grid drawer.

reportlab's built-in CID font STSong-Light (Adobe-GB1) needs no font file. `paragraph_text` escapes text
for platypus Paragraphs; `FormSheet` draws labelled grids straight on a canvas — a form of fixed layout
needs no flowable layout pass, so thousands of one-page forms are generated in seconds.
"""

import io
from xml.sax.saxutils import escape

FONT = "STSong-Light"


def cjk_font():
    """Register the CJK font once per process; returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def paragraph_text(value):
    """`value` as Paragraph markup: escaped, newlines as line breaks."""
    return escape(str(value or "")).replace("\n", "<br/>")


class FormSheet:
    """One A4 page drawn top-down: `title`, `line`, `grid` (rows of label/value cells), `box` (free text)."""

    def __init__(self, canvas, *, margin=42):
        from reportlab.lib.pagesizes import A4

        self.c = canvas
        self.width, self.height = A4
        self.margin = margin
        self.y = self.height - margin
        self.font = cjk_font()

    def _fit(self, text, size, width):
        """`text` cut to fit `width` points at `size` (forms have fixed cells)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        text = str(text or "")
        while text and stringWidth(text, self.font, size) > width:
            text = text[:-1]
        return text

    def title(self, text, size=18, gap=10):
        self.c.setFont(self.font, size)
        self.c.drawCentredString(self.width / 2, self.y - size, text)
        self.y -= size + gap

    def line(self, left="", right="", size=10, gap=6):
        self.c.setFont(self.font, size)
        if left:
            self.c.drawString(self.margin, self.y - size, left)
        if right:
            self.c.drawRightString(self.width - self.margin, self.y - size, right)
        self.y -= size + gap

    def heading(self, text, size=11, gap=4):
        self.line(text, size=size, gap=gap)

    def grid(self, rows, widths, *, row_height=22, size=9.5, label_columns=(0, 2)):
        """`rows` of cells; `widths` as fractions of the text width; label cells shaded."""
        total = self.width - 2 * self.margin
        xs = [self.margin]
        for fraction in widths:
            xs.append(xs[-1] + fraction * total)
        c = self.c
        c.setLineWidth(0.6)
        for row in rows:
            bottom = self.y - row_height
            col = 0
            for cell in row:
                span = 1
                if isinstance(cell, tuple):  # (text, columns spanned)
                    cell, span = cell
                x0, x1 = xs[col], xs[col + span]
                if col in label_columns:
                    c.setFillGray(0.93)
                    c.rect(x0, bottom, x1 - x0, row_height, stroke=0, fill=1)
                    c.setFillGray(0)
                c.rect(x0, bottom, x1 - x0, row_height, stroke=1, fill=0)
                c.setFont(self.font, size)
                c.drawString(x0 + 4, bottom + (row_height - size) / 2 + 1, self._fit(cell, size, x1 - x0 - 8))
                col += span
            self.y = bottom

    def box(self, label, text="", height=60, size=9.5):
        """A full-width cell: label on top, `text` wrapped below."""
        c = self.c
        total = self.width - 2 * self.margin
        c.rect(self.margin, self.y - height, total, height, stroke=1, fill=0)
        c.setFont(self.font, size)
        c.drawString(self.margin + 4, self.y - size - 4, label)
        y = self.y - 2 * size - 10
        for chunk in self._wrap(str(text or ""), size, total - 8):
            if y < self.y - height + 4:
                break
            c.drawString(self.margin + 4, y, chunk)
            y -= size + 4
        self.y -= height

    def _wrap(self, text, size, width):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines = []
        for paragraph in text.split("\n"):
            current = ""
            for ch in paragraph:
                if stringWidth(current + ch, self.font, size) > width:
                    lines.append(current)
                    current = ch
                else:
                    current += ch
            lines.append(current)
        return lines

    def gap(self, points):
        self.y -= points


def render_pages(pages, *, title="", author=""):
    """PDF bytes of one page per item of `pages`, each a function drawing on a FormSheet."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    for draw in pages:
        draw(FormSheet(canvas))
        canvas.showPage()
    canvas.save()
    return out.getvalue()
