"""PDF résumé attachments, checked by content (the file name and browser type are ignored)."""

import re

from django.core.exceptions import ValidationError

from careers.core.uploads import read_limited

MAX_BYTES = 5 * 1024 * 1024
# Active content a résumé never needs; rejecting it keeps downloads harmless to readers.
ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|OpenAction\s*<<[^>]*/JS)\b")


def clean_pdf(upload):
    """Return the PDF bytes, or raise ValidationError saying what is wrong."""
    data = read_limited(upload, MAX_BYTES, "附件")
    if not data.startswith(b"%PDF-"):
        raise ValidationError("附件不是 PDF 文件（按文件内容判断，与扩展名无关），请导出为 PDF 后上传。", code="not_pdf")
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError("PDF 文件不完整或已损坏，请重新导出后上传。", code="broken")
    if ACTIVE.search(data):
        raise ValidationError("PDF 中含有脚本、自动操作或嵌入文件，出于安全原因不能上传，请重新导出为普通 PDF。",
                              code="active")
    return data
