"""Background jobs: a registry of handlers by `kind`, run through one Celery task.

A domain registers `@job_handler("kind")` on a function `handler(ctx)` in a module its
`registry.py` imports (core.registry.autodiscover runs in every process, workers included); `start_job` records a `Job`
and queues it. Handlers report progress through `JobContext` and must
be idempotent: Celery redelivers unacknowledged tasks (acks_late) and users may retry
a failed job, so running a handler twice must not duplicate anything.

Progress also goes to the cache (Redis, or the process's memory on the embedded default),
because a handler's database writes made inside its own transaction (an import's
all-or-nothing commit) stay invisible to the polling page until that transaction ends;
`live_progress(job)` lays the cached figures over a running job.

Without a worker (the embedded default runs Celery eagerly) a queued job runs in a
thread of its own after the request's transaction commits, so the page answers at once
and polls the progress like it does with a worker (settings.JOBS_EAGER_IN_THREAD).
"""

import datetime
import logging
import threading
import time
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone

from .models import Job
from .registry import Registry

logger = logging.getLogger(__name__)

HANDLERS: Registry = Registry("job handler")
PROGRESS_INTERVAL = 0.5  # seconds between progress writes; polling is every 1 s
LIVE_PROGRESS_SECONDS = 6 * 3600  # cached progress outlives any job; finished jobs ignore it
GENERIC_FAILURE = "任务执行时发生系统错误，请稍后点击“重试”；如多次失败请联系学校管理员或技术人员。"


class JobError(Exception):
    """A failure whose message (in Chinese) is safe and useful to show to the user."""


def job_handler(kind):
    """Decorator: `func(ctx)` runs the jobs of `kind`."""
    return HANDLERS.register(kind)


class JobContext:
    def __init__(self, job):
        self.job = job
        self.params = job.params
        self.user = job.created_by
        self._last_write = 0.0

    def progress(self, done, total=None, message=None, *, force=False):
        """Record progress; DB writes are throttled so tight loops stay cheap."""
        job = self.job
        job.progress = max(0, int(done))
        if total is not None:
            job.total = max(0, int(total))
        if message is not None:
            job.message = str(message)[:500]
        now = time.monotonic()
        if force or now - self._last_write >= PROGRESS_INTERVAL or (job.total and job.progress >= job.total):
            self._last_write = now
            cache.set(progress_key(job.pk), (job.progress, job.total, job.message), LIVE_PROGRESS_SECONDS)
            Job.objects.filter(pk=job.pk).update(progress=job.progress, total=job.total, message=job.message)

    def save_file(self, name, content):
        """Attach the result file (bytes or a local path); replaces an earlier attempt's file."""
        job = self.job
        if job.result_file:
            job.result_file.delete(save=False)
        name = f"{job.pk}/{name}"  # an unguessable folder per job, even if MEDIA_ROOT were ever served
        if isinstance(content, (bytes, bytearray)):
            job.result_file.save(name, ContentFile(bytes(content)), save=False)
        else:
            with open(Path(content), "rb") as handle:
                job.result_file.save(name, File(handle), save=False)
        Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name)

    def set_result(self, **values):
        self.job.result.update(values)


def progress_key(job_id):
    return f"job-progress:{job_id}"


def live_progress(job):
    """`job` with the latest progress its handler reported, if it is still running."""
    if job is not None and job.status == Job.Status.RUNNING:
        latest = cache.get(progress_key(job.pk))
        if latest is not None:
            job.progress, job.total, job.message = latest
    return job


def start_job(kind, label, params, user, total=0, *, inline=False):
    """Create a job and run it: in-process when `inline`, otherwise through Celery."""
    if kind not in HANDLERS:
        raise KeyError(f"no job handler registered for {kind!r}")
    job = Job.objects.create(kind=kind, label=label[:200], params=params, total=total,
                             created_by=user if getattr(user, "pk", None) else None)
    enqueue(job, inline=inline)
    return job


def retry_job(job):
    """Queue a failed job again; the handler re-runs from scratch (it is idempotent)."""
    if job.status != Job.Status.FAILED:
        raise JobError("只有失败的任务才能重试。")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.PENDING, progress=0, message="已重新排队",
                                         finished_at=None)
    job.refresh_from_db()
    enqueue(job)
    return job


# The task keeps the name it was queued under before it moved here from core/tasks.py.
@shared_task(bind=True, acks_late=True, name="careers.core.tasks.run_job")
def run_job(self, job_id):
    """Run a `Job` by id (the Celery side of `enqueue`)."""
    execute(job_id)


def enqueue(job, *, inline=False):
    if inline or (settings.CELERY_TASK_ALWAYS_EAGER and not settings.JOBS_EAGER_IN_THREAD):
        execute(job.pk)
        job.refresh_from_db()
    elif settings.CELERY_TASK_ALWAYS_EAGER:
        transaction.on_commit(lambda: run_in_thread(job.pk))
    else:
        # The worker must see the committed Job row.
        transaction.on_commit(lambda: run_job.delay(str(job.pk)))


def run_in_thread(job_id):
    """Run a job beside the request (no worker on the embedded default); returns the thread."""

    def run():
        try:
            execute(job_id)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=run, name=f"job-{job_id}", daemon=True)
    thread.start()
    return thread


def execute(job_id):
    """Run one job to completion, recording success or a user-safe failure message."""
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status == Job.Status.SUCCEEDED:
        return  # deleted, or a redelivery of a job that already finished
    handler = HANDLERS.get(job.kind)
    job.status = Job.Status.RUNNING
    job.attempts += 1
    job.started_at = timezone.now()
    job.finished_at = None
    job.result, job.message, job.progress = {}, "", 0
    if job.result_file:  # each attempt starts clean; an earlier attempt's file must not linger
        job.result_file.delete(save=False)
    job.save(update_fields=["status", "attempts", "started_at", "finished_at", "result", "message", "progress",
                            "result_file"])
    cache.delete(progress_key(job.pk))  # an earlier attempt's figures
    ctx = JobContext(job)
    try:
        if handler is None:
            raise JobError("未知的任务类型，无法执行。")
        handler(ctx)
    except JobError as exc:
        finish(job, Job.Status.FAILED, str(exc))
    except Exception:
        # The traceback goes to the server log only, never to the page.
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        finish(job, Job.Status.FAILED, GENERIC_FAILURE)
    else:
        job.progress = max(job.progress, job.total)
        finish(job, Job.Status.SUCCEEDED, job.message if job.message else "已完成")


def finish(job, status, message):
    job.status = status
    job.message = message[:500]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "progress", "total", "result"])


RECENT_HOURS = 24  # 待办事项: how long a finished job stays on its owner's work queue


def finished_recently(user, now=None):
    """The user's jobs that ended (completed or failed) in the last RECENT_HOURS: the 待办事项 count and the
    task list's `?finished=recent` filter, so both show the same rows."""
    since = (now or timezone.now()) - datetime.timedelta(hours=RECENT_HOURS)
    return Job.objects.filter(created_by=user, status__in=(Job.Status.SUCCEEDED, Job.Status.FAILED),
                              finished_at__gte=since)
