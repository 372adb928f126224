"""The dry-run report: per-row results as JSON, counts, and the downloadable error sheet.

Each row keeps a digest of (ok, action, payload): the commit re-validates inside its
transaction and refuses to write if any row's digest differs from the report.
"""

import hashlib
import io
import json

from .spec import ACTION_LABELS


def digest(result):
    body = json.dumps([result.ok, result.action, result.payload], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(body.encode("utf-8")).hexdigest()


def row_entry(spec, result):
    labels = {f.name: f.label for f in spec.fields}
    order = {f.name: i for i, f in enumerate(spec.fields)}
    errors = sorted(result.errors.items(), key=lambda item: order.get(item[0], len(order)))
    return {
        "row": result.row,
        "ok": result.ok,
        "action": result.action if result.ok else "error",
        "errors": [[labels.get(name, name), reason] for name, reason in errors],
        "warnings": list(result.warnings),
        "changes": result.changes,
        "digest": digest(result),
    }


def build_report(spec, results, *, mapping, sha256, fingerprint=None):
    rows = [row_entry(spec, r) for r in results]
    counts = {key: 0 for key in ("create", "update", "skip", "error")}
    for row in rows:
        counts[row["action"]] += 1
    counts["total"] = len(rows)
    counts["valid"] = counts["create"] + counts["update"] + counts["skip"]
    counts["warning_rows"] = sum(1 for row in rows if row["warnings"])
    return {"slug": spec.slug, "mapping": mapping, "sha256": sha256, "counts": counts, "rows": rows,
            "fingerprint": fingerprint}


def message_lines(row):
    """Plain Chinese lines: 第 N 行「学历」：reason."""
    return [f"第 {row['row']} 行「{label}」：{reason}" for label, reason in row["errors"]]


def issue_rows(report, *, errors_only=False):
    return [row for row in report["rows"]
            if row["errors"] or (not errors_only and (row["warnings"] or row["changes"]))]


def first_difference(before, after):
    """A sentence naming the first row whose result changed since the dry run, or None."""
    if before["sha256"] != after["sha256"] or before["mapping"] != after["mapping"]:
        return "上传的文件或字段匹配与检查时不一致。"
    old = {row["row"]: row for row in before["rows"]}
    new = {row["row"]: row for row in after["rows"]}
    for number in sorted(set(old) | set(new)):
        a, b = old.get(number), new.get(number)
        if a is None or b is None or a["digest"] != b["digest"]:
            was = ACTION_LABELS.get(a["action"], "有错误") if a else "无"
            now = ACTION_LABELS.get(b["action"], "有错误") if b else "无"
            detail = f"（检查时为“{was}”，现在为“{now}”）" if was != now else "（数据内容有变化）"
            return f"第 {number} 行的检查结果已变化{detail}。"
    return None


def error_workbook(sheet, report):
    """The rows with errors: original columns plus 错误原因 and 原行号, as .xlsx bytes."""
    import xlsxwriter

    reasons = {row["row"]: "；".join(f"「{label}」{reason}" for label, reason in row["errors"])
               for row in report["rows"] if row["errors"]}
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    ws = book.add_worksheet("错误数据")
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    red = book.add_format({"font_color": "#C00000", "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    headers = [*sheet.headers, "错误原因", "原行号"]
    for col, name in enumerate(headers):
        ws.write_string(0, col, name, bold)
    ws.set_column(0, len(sheet.headers) - 1, 14, text)
    ws.set_column(len(sheet.headers), len(sheet.headers), 60)
    ws.freeze_panes(1, 0)
    out = 1
    for number, cells in sheet.rows:
        if number not in reasons:
            continue
        for col, value in enumerate(cells):
            # write_string never creates a formula, and the user re-imports this file: keep values as typed
            ws.write_string(out, col, value)
        ws.write_string(out, len(cells), reasons[number], red)
        ws.write_number(out, len(cells) + 1, number)
        out += 1
    book.close()
    return buffer.getvalue()
