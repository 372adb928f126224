"""The pipeline: check every row (dry run), then commit exactly what the check reported.

Both steps run as Jobs ("import.check", "import.commit"); small files run them
in-process, large ones in the background (Celery, or a thread without a worker) with the
progress bar. The commit's progress reaches the page through the cache (see core.jobs):
its database writes are inside the commit's transaction. Inside its transaction the commit
reuses the check's results when nothing they depend on changed (reuse.py), else re-validates,
compares with the saved report and rolls back on any change; it records its OperationLog
in the same transaction, so a retried commit job can tell that the import already happened
(idempotent).
"""

from django.db import IntegrityError, transaction
from django.urls import reverse

from ..bulk import paused_gc
from ..history import log_event
from ..jobs import JobError, job_handler, start_job
from ..models import Job, OperationLog
from ..text import normalize_spaces
from . import reuse
from .readers import ImportFileError
from .report import build_report, error_workbook, first_difference
from .session import ImportSession
from .spec import REQUIRED, ImportContext, RowResult, get_spec

INLINE_ROWS = 500  # up to this many rows run in the request; more go to a background worker


def row_values(spec, headers, mapping, cells):
    """Raw text per spec field; unmapped fields are empty."""
    index = {name: headers.index(column) for name, column in mapping.items() if column in headers}
    return {f.name: (cells[index[f.name]] if f.name in index else "") for f in spec.fields}


def normalise(spec, raw):
    """Trim stray spaces (incl. U+3000); warn when the value the user typed was changed."""
    values, warnings = {}, []
    for field in spec.fields:
        value = raw.get(field.name, "")
        clean = normalize_spaces(value) if field.normalize else value.strip()
        if field.normalize and clean != value and clean:
            warnings.append(f"「{field.label}」含多余空格（含全角空格），已自动去除，按“{clean}”处理。")
        values[field.name] = clean
    return values, warnings


def prepared_rows(spec, sheet, mapping):
    """[(row number, values, warnings)] for every row: the mapped, normalised cell values.

    They depend only on the sheet, the mapping and the spec's fields, so they are worked out
    once per sheet object and reused by the commit's re-validation when the check ran in the
    same process (see ImportSession.sheet); callers get fresh copies they may change.
    """
    key = ("prepared", spec.slug, tuple(f.name for f in spec.fields), tuple(sorted(mapping.items())))
    prepared = sheet.derived.get(key)
    if prepared is None:
        index = [(f.name, sheet.headers.index(mapping[f.name]) if mapping.get(f.name) in sheet.headers else None)
                 for f in spec.fields]
        prepared = []
        for number, cells in sheet.rows:
            raw = {name: (cells[i] if i is not None else "") for name, i in index}
            values, warnings = normalise(spec, raw)
            prepared.append((number, values, tuple(warnings)))
        sheet.derived[key] = prepared
    return [(number, dict(values), list(warnings)) for number, values, warnings in prepared]


def validate(spec, sheet, mapping, context, progress=None):
    """Check every row (never stopping at the first bad one); returns the RowResults."""
    prepared = prepared_rows(spec, sheet, mapping)
    rows = [(number, values) for number, values, _ in prepared]
    context.inputs(rows)
    spec.prepare(context, rows)
    results = []
    total = len(prepared)
    required = [field.name for field in spec.fields if field.kind == REQUIRED]
    for done, (number, values, warnings) in enumerate(prepared, start=1):
        context.row = number
        result = spec.clean_row(values, context) or RowResult()
        for name in required:
            if not values[name]:
                result.errors[name] = "不能为空。"
                result.ok = False
        result.row = number
        result.warnings[:0] = warnings
        results.append(result)
        if progress:
            progress(done, total, f"正在检查第 {done}/{total} 行")
    return results


def fingerprint(spec, session, sheet, mapping, context):
    """The digest the commit compares to reuse the check's results (None: the spec declares no inputs)."""
    def rows():
        return [(number, values) for number, values, _ in prepared_rows(spec, sheet, mapping)]

    return reuse.fingerprint(spec, session, mapping, context.user, context.inputs(rows))


@paused_gc()
def check(spec, session, mapping, user, progress=None):
    """Dry run: validate, save report.json (and the results to write, see reuse.py), return (report, sheet)."""
    sheet = session.sheet()
    context = ImportContext(spec, user, session.meta.get("extra"))
    results = validate(spec, sheet, mapping, context, progress)
    key = fingerprint(spec, session, sheet, mapping, context)
    report = build_report(spec, results, mapping=mapping, sha256=session.meta["sha256"], fingerprint=key)
    reuse.save(session, key, results)
    session.save_report(report)
    return report, sheet


def already_committed(session):
    return OperationLog.objects.filter(action="import", changes__import_token=session.token).first()


@paused_gc()
def commit(spec, session, user, progress=None):
    """All-or-nothing write of the rows the saved report called valid; returns the counts."""
    report = session.load_report()
    if report is None:
        raise JobError("找不到数据检查结果，请重新执行“检查数据”。")
    sheet = session.sheet()
    try:
        return _commit(spec, session, user, report, sheet, progress)
    except IntegrityError:
        raise JobError("写入时发现数据已被他人修改（例如同时导入了相同的专业），本次导入已全部取消，"
                       "请重新执行“检查数据”。")


def _commit(spec, session, user, report, sheet, progress):
    with transaction.atomic():
        # Serialise commits of the same upload, then see whether one already went through
        # (a retried or redelivered job whose first attempt did commit).
        Job.objects.select_for_update().filter(pk=session.meta.get("check_job")).first()
        done = already_committed(session)
        if done is not None:
            return done.changes.get("counts", {})
        if progress:
            progress(0, report["counts"]["total"], "正在重新检查数据……")
        context = ImportContext(spec, user, session.meta.get("extra"))
        mapping = report["mapping"]
        to_write = reuse.load(session, fingerprint(spec, session, sheet, mapping, context), report)
        if to_write is None:  # something the rows depend on changed since the check (or no stored results)
            to_write = revalidate(spec, session, sheet, report, context, progress)
        write_in_batches(spec, to_write, context, progress)
        counts = {k: report["counts"][k] for k in ("create", "update", "skip", "error")}
        log_event("import", module=spec.slug.split(".")[0], user=user,
                  message=(f"{spec.label}：文件“{session.meta['filename']}”，新增 {counts['create']} 条，"
                           f"更新 {counts['update']} 条，无变化 {counts['skip']} 条，未导入（有错误）{counts['error']} 条"),
                  changes={"import_token": session.token, "spec": spec.slug, "counts": counts,
                           "filename": session.meta["filename"]})
    return counts


def revalidate(spec, session, sheet, report, context, progress):
    """Every row checked again; refuses (JobError) when any result differs from the report. Returns the
    results to write."""
    results = validate(spec, sheet, report["mapping"], context, progress)
    fresh = build_report(spec, results, mapping=report["mapping"], sha256=session.meta["sha256"])
    difference = first_difference(report, fresh)
    if difference:
        raise JobError(f"数据在检查之后发生了变化：{difference}本次导入已全部取消，未写入任何数据，"
                       "请重新执行“检查数据”。")
    return [r for r in results if r.ok and r.action in reuse.WRITTEN]


def write_in_batches(spec, rows, context, progress=None):
    """spec.commit() batch by batch, reporting progress between batches (all in the caller's
    transaction: a failure in any batch undoes every batch)."""
    total = len(rows)
    size = spec.commit_batch_size or total or 1
    for start in range(0, total, size):
        if progress:
            progress(start, total, f"正在写入数据（共 {total} 条）……", force=True)
        spec.commit(rows[start:start + size], context)
    if progress:
        progress(total, total, "数据已写入，正在完成导入……", force=True)


# -- jobs ---------------------------------------------------------------------------
def _job_session(ctx):
    spec = get_spec(ctx.params.get("slug", ""))
    session = ImportSession.load(ctx.params.get("token", ""), user=ctx.user, slug=ctx.params.get("slug"))
    if spec is None or session is None:
        raise JobError("导入文件已不存在，请重新上传。")
    if not spec.has_permission(ctx.user):
        raise JobError("您已没有该导入的权限，请联系学校管理员。")
    return spec, session


def report_url(spec, session):
    return reverse("core:import_report", args=[spec.slug, session.token])


@job_handler("import.check")
def check_job(ctx):
    spec, session = _job_session(ctx)
    try:
        report, sheet = check(spec, session, ctx.params["mapping"], ctx.user, ctx.progress)
    except ImportFileError as exc:
        raise JobError(str(exc))
    if report["counts"]["error"]:
        ctx.save_file(f"{spec.label}-错误数据.xlsx", error_workbook(sheet, report))
    ctx.set_result(counts=report["counts"], redirect_url=report_url(spec, session))
    ctx.progress(report["counts"]["total"], message="检查完成", force=True)


@job_handler("import.commit")
def commit_job(ctx):
    spec, session = _job_session(ctx)
    counts = commit(spec, session, ctx.user, ctx.progress)
    ctx.set_result(counts=counts, redirect_url=report_url(spec, session))
    ctx.job.message = f"导入完成：新增 {counts['create']} 条，更新 {counts['update']} 条。"


def job_params(spec, session, **extra):
    return {"slug": spec.slug, "token": session.token, "file": session.source_path, **extra}


def start_check(spec, session, mapping, user):
    rows = session.meta["row_count"]
    session.delete_report()
    reuse.forget(session)
    session.update(mapping=mapping, check_job=None, commit_job=None)
    job = start_job("import.check", f"{spec.label}：检查“{session.meta['filename']}”",
                    job_params(spec, session, mapping=mapping), user, total=rows, inline=rows <= INLINE_ROWS)
    session.update(check_job=str(job.pk))
    return job


def start_commit(spec, session, user):
    rows = session.meta["row_count"]
    job = start_job("import.commit", f"{spec.label}：导入“{session.meta['filename']}”",
                    job_params(spec, session), user, total=rows, inline=rows <= INLINE_ROWS)
    session.update(commit_job=str(job.pk))
    return job
