"""Text normalisation shared by forms and imports."""

import re

_SPACES = re.compile(r"\s+")


def normalize_spaces(value):
    """Trim and drop stray spaces (incl. full-width U+3000 and NBSP) inside a value.

    Chinese names never contain spaces, so every run of whitespace is removed between
    CJK characters and collapsed to one space elsewhere (e.g. "Java EE").
    """
    if value is None:
        return ""
    if type(value) is str and _SPACES.search(value) is None:
        return value  # nothing to trim or drop (the common case)
    text = str(value).strip()
    text = _SPACES.sub(" ", text)
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def salary_range_display(low, high):
    """“8000–12000 元/月”, “8000 元/月以上”, “12000 元/月以内” or 面议 (résumé expectations and job posts alike)."""
    if low and high:
        return f"{low}–{high} 元/月"
    if low:
        return f"{low} 元/月以上"
    if high:
        return f"{high} 元/月以内"
    return "面议"
