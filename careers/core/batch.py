"""批量查询列表: a pasted list of 学号/姓名, kept server-side by reference (hundreds do not fit in a URL).

Domain-free: a list is stored in the user's preferences as "@ref"; each student-linked list (students,
派遣信息, 就业跟踪台账, …) filters by the tokens its own way. The POST view is `core/views/batch.py`.
"""

import hashlib
import re

from django.db.models import Q

from .models import UserPreference

BATCH_SEPARATORS = re.compile(r"[\s,，;；、]+")
BATCH_LIMIT = 2000
BATCH_KEY = "students.batches"  # UserPreference key: recent pasted lists by reference (key kept: stored data)
BATCH_KEEP = 20


def too_many(count):
    return f"批量查询列表最多 {BATCH_LIMIT} 个学号或姓名，当前有 {count} 个，请分批查询。"


def batch_tokens(text):
    """The 学号/姓名 pasted into the batch list, in order, without duplicates."""
    return list(dict.fromkeys(t for t in BATCH_SEPARATORS.split(text or "") if t))


def store_batch(user, tokens):
    """Keep a pasted list server-side (a URL cannot carry hundreds of 学号); returns its "@ref"."""
    pref, _ = UserPreference.objects.get_or_create(user=user)
    ref = hashlib.sha1("\n".join(tokens).encode()).hexdigest()[:12]
    batches = pref.get(BATCH_KEY) or {}
    batches.pop(ref, None)
    batches[ref] = tokens
    pref.set(BATCH_KEY, dict(list(batches.items())[-BATCH_KEEP:]))
    return f"@{ref}"


def resolve_batch(request, value):
    """The tokens of `batch` (literal, or "@ref" to a stored list; None if that expired), memoised per request."""
    value = (value or "").strip()
    if not value.startswith("@"):
        return batch_tokens(value)
    if request is None:
        return None
    memo = getattr(request, "_student_batches", None)
    if memo is None:
        memo = request._student_batches = {}
    if value not in memo:
        data = UserPreference.objects.filter(user=request.user).values_list("data", flat=True).first() or {}
        memo[value] = (data.get(BATCH_KEY) or {}).get(value[1:])
    return memo[value]


class BatchReportMixin:
    """For a table of student-linked rows: `batch_report()` → {count pasted, missing} for the batch list, found
    within the table's own (filtered, scoped) rows; None without a list. `batch_lookup` is the path from a row
    to the student ("" when the rows are students)."""

    batch_lookup = ""

    def batch_report(self):
        request = getattr(self, "request", None)
        text = request.GET.get("batch", "") if request is not None else ""
        tokens = resolve_batch(request, text) if text else None
        if not tokens or len(tokens) > BATCH_LIMIT:
            return None
        return {"count": len(tokens), "missing": missing_tokens(self.data.data, tokens, self.batch_lookup)}


def missing_tokens(queryset, tokens, lookup=""):
    """Pasted 学号/姓名 that match no row of `queryset` (through `lookup` to the student)."""
    number, name = f"{lookup}student_number", f"{lookup}name"
    found = set()
    for row in queryset.filter(Q(**{f"{number}__in": tokens}) | Q(**{f"{name}__in": tokens})).values_list(
            number, name).order_by():
        found.update(row)
    return [t for t in tokens if t not in found]
