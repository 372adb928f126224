"""PDF résumé attachments, checked by content (the file name and browser type are ignored)."""

from careers.core.pdfs import check_pdf
from careers.core.uploads import read_limited

MAX_BYTES = 5 * 1024 * 1024


def clean_pdf(upload):
    """Return the PDF bytes, or raise ValidationError saying what is wrong (see core.pdfs)."""
    data = read_limited(upload, MAX_BYTES, "附件")
    check_pdf(data)
    return data
