"""The commit reuses the check's row results when nothing they depend on has changed.

A row's result is a pure function of the row values and of what the spec's `inputs()` loads from the
database (existing records, codes, the user's scope...). The check stores the results of the rows it would
write with a fingerprint: a digest of those inputs, the file, the mapping, the extras, the user and the day.
The commit, inside its transaction, loads the inputs again: the same fingerprint means a re-validation
would give the same results, so it writes the stored ones; any difference (or a spec that does not declare
its inputs, or stored results that do not match the report) and it re-validates every row as before,
refusing on any changed row. The guarantee "the commit writes what the check reported, against the data
as it is now" is the same either way.

The results live next to the report in the session's private storage (`results.json`, only the rows to
write: at most the spec's max_rows), so a commit in another worker than its check can use them; the last
few are also kept in this process (small files and the bench check and commit in one process).
"""

import hashlib
import json
import threading
from collections import OrderedDict

from django.utils import timezone

from .report import digest
from .spec import RowResult

FORMAT = 1  # bump when the stored shape or the fingerprint's body changes
FILENAME = "results.json"
WRITTEN = ("create", "update")

_MEMO = OrderedDict()  # session token -> (fingerprint, [(row, action, payload)])
_MEMO_LIMIT = 2
_MEMO_LOCK = threading.Lock()


def fingerprint(spec, session, mapping, user, inputs):
    """A digest of everything a row's result depends on besides its values; None when the spec does not
    declare its inputs (then nothing is reused)."""
    if inputs is None:
        return None
    body = json.dumps([FORMAT, spec.slug, spec.check_version, session.meta["sha256"], mapping,
                       session.meta.get("extra") or {}, getattr(user, "pk", None),
                       timezone.localdate().isoformat(), inputs],  # the school's day (Asia/Shanghai)
                      sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _written(results):
    return [(r.row, r.action, r.payload) for r in results if r.ok and r.action in WRITTEN]


def save(session, key, results):
    """Keep the results of the rows to write under fingerprint `key` (or forget them when key is None)."""
    forget(session)
    if key is None:
        return
    rows = _written(results)
    session.put_file(FILENAME, json.dumps({"format": FORMAT, "fingerprint": key, "rows": rows},
                                          ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    with _MEMO_LOCK:
        _MEMO[session.token] = (key, rows)
        _MEMO.move_to_end(session.token)
        while len(_MEMO) > _MEMO_LIMIT:
            _MEMO.popitem(last=False)


def forget(session):
    with _MEMO_LOCK:
        _MEMO.pop(session.token, None)
    session.delete_file(FILENAME)


def load(session, key, report):
    """The check's RowResults of the rows to write when `key` is the fingerprint the report was made with
    and the stored results match the report row for row; otherwise None (re-validate)."""
    if key is None or report.get("fingerprint") != key:
        return None
    with _MEMO_LOCK:
        memo = _MEMO.get(session.token)
    trusted = memo is not None and memo[0] == key  # computed by this process's check of these inputs
    rows = memo[1] if trusted else _read(session, key)
    if rows is None:
        return None
    expected = {r["row"]: r for r in report["rows"] if r["ok"] and r["action"] in WRITTEN}
    if len(rows) != len(expected):
        return None
    results = []
    for number, action, payload in rows:
        entry = expected.get(number)
        result = RowResult(ok=True, action=action, payload=dict(payload), row=number)
        if entry is None or entry["action"] != action or (not trusted and entry["digest"] != digest(result)):
            return None
        results.append(result)
    return results


def _read(session, key):
    body = session.read_file(FILENAME)
    try:
        stored = json.loads(body.decode("utf-8")) if body is not None else None
    except ValueError:
        return None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("fingerprint") != key:
        return None
    return stored.get("rows")
