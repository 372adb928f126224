"""The comparison and the mismatch export as background Jobs (careers/core/jobs.py).

Up to INLINE_ROWS rows run in the request; larger files go to a worker with a progress bar.
The upload is kept privately under the import uploads folder (MEDIA_ROOT/imports/, never
served, purged after a week by core.retention); the comparison result is the Job's result
file (JSON, see compare.py), so no model is needed. Both handlers are idempotent: a retry
recomputes from the stored upload and audits once.
"""

import hashlib
import json
import os
import tempfile
import threading
import uuid
from collections import OrderedDict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from careers.core.history import log_event
from careers.core.imports.readers import ImportFileError, extension_of
from careers.core.imports.session import ROOT as UPLOAD_ROOT
from careers.core.jobs import JobError, job_handler, start_job
from careers.core.models import Job, OperationLog

from ..models import EmploymentRecord
from . import format as provincial_format
from .compare import (
    ACTION,
    DIFFERENT,
    NOT_IN_PROVINCE,
    PERMISSION,
    compare,
    read_provincial,
)

COMPARE_KIND = "employment.provincial.compare"
EXPORT_KIND = "employment.provincial.export"
INLINE_ROWS = 2000
RESULT_NAME = "省系统比对结果.json"
EXPORT_LABEL = "与省系统不一致就业信息"

_CACHE = OrderedDict()  # a few parsed sheets / loaded results in this process
_CACHE_LIMIT = 4
_CACHE_LOCK = threading.Lock()


def _cached(key, build):
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = build()
    with _CACHE_LOCK:
        _CACHE[key] = value
        while len(_CACHE) > _CACHE_LIMIT:
            _CACHE.popitem(last=False)
    return value


def _audited(action, job):
    return OperationLog.objects.filter(action=action, module="employment", changes__job=str(job.pk)).exists()


def _require_permission(user):
    if user is None or not user.has_permission(PERMISSION):
        raise JobError("您已没有“导出与省系统不一致就业信息”的权限，请联系学校管理员。")


# -- comparison ---------------------------------------------------------------------------
def start_compare(user, filename, data, sheet, index, year):
    """Keep the upload privately and run the comparison job (in the request when small)."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = f"{UPLOAD_ROOT}/{uuid.uuid4().hex}/provincial{extension_of(filename)}"
    default_storage.save(path, ContentFile(data))
    _cached(("sheet", sha256), lambda: (sheet, index))  # the job need not parse the file again
    params = {"file": path, "filename": filename[:200], "sha256": sha256, "year": year}
    rows = sheet.row_count
    return start_job(COMPARE_KIND, f"与省系统比对：{filename}"[:200], params, user, total=rows,
                     inline=rows <= INLINE_ROWS)


def _read_upload(params):
    try:
        with default_storage.open(params["file"], "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        raise JobError("上传的文件已被清理，请重新上传。")
    if hashlib.sha256(data).hexdigest() != params["sha256"]:
        raise JobError("上传的文件已发生变化，请重新上传。")
    return data


@job_handler(COMPARE_KIND)
def compare_job(ctx):
    user, params, job = ctx.user, ctx.params, ctx.job
    _require_permission(user)
    data = _read_upload(params)
    try:
        sheet, index = _cached(("sheet", params["sha256"]), lambda: read_provincial(data, params["filename"]))
    except ImportFileError as exc:
        raise JobError(str(exc))
    ctx.progress(0, sheet.row_count, "正在比对……", force=True)
    result = compare(sheet, index, user, params["year"], ctx.progress)
    result["filename"] = params["filename"]
    ctx.save_file(RESULT_NAME, json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    counts = result["counts"]
    summary = (f"文件共 {counts['rows']} 行：一致 {counts['same']}，不一致 {counts[DIFFERENT]}，"
               f"本系统无此学生 {counts['not_ours']}，数据有误 {counts['error']}；"
               f"省系统无此学生 {counts[NOT_IN_PROVINCE]}")
    ctx.set_result(counts=counts, year=params["year"], filename=params["filename"],
                   redirect_url=reverse("employment:provincial_result", args=[job.pk]))
    ctx.job.message = f"比对完成。{summary}。"
    if not _audited("import", job):
        log_event("import", module="employment", user=user,
                  message=f"与省系统比对就业信息：文件“{params['filename']}”，{params['year']}届，{summary}",
                  changes={"job": str(job.pk), "filename": params["filename"], "year": params["year"],
                           "counts": counts})


def load_result(job):
    """The comparison result of a finished job (cached per result file in this process)."""
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        return None

    def read():
        try:
            with job.result_file.open("rb") as handle:
                return json.loads(handle.read().decode("utf-8"))
        except (FileNotFoundError, OSError, ValueError):
            return None

    result = _cached(("result", str(job.pk), job.result_file.name), read)
    return result


def comparison_of(pk, user):
    """The user's own comparison job, or None."""
    return Job.objects.filter(pk=pk, kind=COMPARE_KIND, created_by=user).first() if user.is_authenticated else None


# -- mismatch export ----------------------------------------------------------------------
def mismatch_ids(result, include_missing):
    wanted = {DIFFERENT, NOT_IN_PROVINCE} if include_missing else {DIFFERENT}
    return [row["sid"] for row in result["rows"] if row["s"] in wanted and row.get("sid")]


def mismatch_queryset(user, result, include_missing):
    """Our current records of the differing students, still within the user's scope."""
    return EmploymentRecord.objects.restrict(user, ACTION).filter(student_id__in=mismatch_ids(result, include_missing))


def write_mismatches(user, result, include_missing, fmt, progress=None):
    """(temporary file path, rows written); the caller deletes the file."""
    handle, path = tempfile.mkstemp(suffix=f".{provincial_format.EXTENSIONS[fmt]}")
    os.close(handle)
    try:
        count = provincial_format.write(path, fmt, mismatch_queryset(user, result, include_missing), progress)
    except BaseException:
        os.unlink(path)
        raise
    return path, count


def log_mismatch_export(user, compare_job, count, fmt, include_missing, job=None):
    changes = {"compare_job": str(compare_job.pk), "rows": count, "format": fmt, "include_missing": include_missing}
    if job is not None:
        changes["job"] = str(job.pk)
    log_event("export", module="employment", user=user,
              message=f"导出与省系统不一致就业信息 {count} 条（{fmt}{'，含省系统无此学生' if include_missing else ''}）",
              changes=changes)


def start_export(user, compare_job, fmt, include_missing, rows):
    params = {"compare_job": str(compare_job.pk), "format": fmt, "include_missing": include_missing}
    return start_job(EXPORT_KIND, f"导出与省系统不一致就业信息（{rows} 条）", params, user, total=rows)


@job_handler(EXPORT_KIND)
def export_job(ctx):
    user, params, job = ctx.user, ctx.params, ctx.job
    _require_permission(user)
    compare_job = comparison_of(params.get("compare_job"), user) if user else None
    result = load_result(compare_job) if compare_job else None
    if result is None:
        raise JobError("比对结果已不存在，请重新上传省系统文件进行比对。")
    fmt = params.get("format", "xlsx")
    include_missing = bool(params.get("include_missing"))
    total = len(mismatch_ids(result, include_missing))
    ctx.progress(0, total, f"正在导出 {total} 条……", force=True)
    path, count = write_mismatches(user, result, include_missing, fmt,
                                   lambda done: ctx.progress(done, total, f"已导出 {done}/{total} 条"))
    try:
        ctx.save_file(provincial_format.filename(EXPORT_LABEL, fmt), path)
    finally:
        os.unlink(path)
    ctx.set_result(rows=count)
    ctx.job.message = f"导出完成，共 {count} 条。"
    if not _audited("export", job):
        log_mismatch_export(user, compare_job, count, fmt, include_missing, job)
