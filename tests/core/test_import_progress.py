"""An import's commit shows its progress while it runs, and the page names the lit step.

The commit writes in one transaction, so progress written to the database inside it is
invisible to the polling page: it also goes to the cache, and the rows are written batch
by batch with progress in between. Without a worker the commit runs beside the request.
"""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.core import jobs
from careers.core.imports import REQUIRED, ImportField, ImportSpec, RowResult, registry
from careers.core.imports import runner
from careers.core.models import Job

pytestmark = pytest.mark.django_db
SLUG = "tests.progress"
SEEN = []  # what the progress page showed while commit() ran


class ProgressSpec(ImportSpec):
    slug, label, permission = SLUG, "导入进度测试", "tests.progress.import"
    fields = [ImportField("number", "学号", REQUIRED)]
    commit_batch_size = 2
    observe = None

    def has_permission(self, user):
        return user.is_authenticated

    def clean_row(self, values, context):
        return RowResult(payload=dict(values))

    def commit(self, rows, context):
        if self.observe:
            self.observe()


@pytest.fixture(autouse=True)
def spec(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    registry.register(ProgressSpec)
    SEEN.clear()
    cache.clear()
    yield registry.specs[SLUG]
    registry.specs.pop(SLUG, None)


def start(client, rows=5):
    data = ("学号\n" + "".join(f"{i}\n" for i in range(1, rows + 1))).encode()
    response = client.post(reverse("core:import_start", args=[SLUG]), {"file": SimpleUploadedFile("x.csv", data)})
    token = re.search(r"/([0-9a-f]{32})/", response["Location"]).group(1)
    response = client.post(reverse("core:import_mapping", args=[SLUG, token]), {"number": "学号"})
    assert response.status_code == 302
    return token


def heading_and_step(body):
    heading = re.search(r"<h1[^>]*data-step-title>(.*?)</h1>", body, re.S).group(1)
    step = re.search(r"data-current-step>(.*?)</li>", body).group(1)
    return heading, step


def commit_job():
    return Job.objects.filter(kind="import.commit").latest("created_at")


def test_progress_moves_while_the_commit_runs(client, school_admin, spec):
    client.force_login(school_admin)
    token = start(client)

    def observe():
        job = commit_job()
        body = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
        SEEN.append((int(re.search(r'aria-valuenow="(\d+)"', body).group(1)),
                     cache.get(jobs.progress_key(job.pk))))

    spec.observe = observe
    response = client.post(reverse("core:import_commit", args=[SLUG, token]))
    assert response.status_code == 302
    assert commit_job().status == Job.Status.SUCCEEDED
    percents = [percent for percent, _ in SEEN]
    assert len(SEEN) == 3 and percents == sorted(percents) and percents[-1] > 0, SEEN
    # the figures are in the cache, outside the commit's transaction: other connections see them
    assert [cached[0] for _, cached in SEEN] == [0, 2, 4]


def test_live_progress_overrides_the_database_only_while_running(school_admin):
    job = Job.objects.create(kind="x", label="x", created_by=school_admin, total=10, status=Job.Status.RUNNING)
    cache.set(jobs.progress_key(job.pk), (7, 10, "正在写入"))
    assert jobs.live_progress(Job.objects.get(pk=job.pk)).percent == 70
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=10)
    assert jobs.live_progress(Job.objects.get(pk=job.pk)).progress == 10


def test_heading_names_the_lit_step(client, school_admin):
    client.force_login(school_admin)
    token = start(client)
    report = reverse("core:import_report", args=[SLUG, token])
    heading, step = heading_and_step(client.get(report).content.decode())
    assert heading.endswith("检查数据") and step.endswith("检查数据")
    client.post(reverse("core:import_commit", args=[SLUG, token]))
    heading, step = heading_and_step(client.get(report).content.decode())
    assert step.endswith("确认导入") and "确认导入" in heading and "检查数据" not in heading


def test_without_a_worker_a_large_commit_runs_beside_the_request(client, school_admin, settings, monkeypatch,
                                                                 django_capture_on_commit_callbacks):
    """The embedded default: the request answers at once with a polling progress bar."""
    settings.JOBS_EAGER_IN_THREAD = True
    monkeypatch.setattr(runner, "INLINE_ROWS", 2)
    started = []
    monkeypatch.setattr(jobs, "run_in_thread", started.append)
    client.force_login(school_admin)
    with django_capture_on_commit_callbacks(execute=True):
        token = start(client)  # the check of 5 rows runs beside the request too
    assert len(started) == 1
    jobs.execute(started.pop())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:import_commit", args=[SLUG, token]))
    assert response.status_code == 302 and len(started) == 1
    job = commit_job()
    assert job.status == Job.Status.PENDING  # not run inside the request
    body = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in body and "排队中" in body
    heading, step = heading_and_step(body)
    assert "确认导入" in heading and step.endswith("确认导入")
    jobs.execute(started.pop())
    assert commit_job().status == Job.Status.SUCCEEDED


def test_run_in_thread_runs_the_job(monkeypatch):
    ran = []
    monkeypatch.setattr(jobs, "execute", ran.append)
    jobs.run_in_thread("abc").join(5)
    assert ran == ["abc"]
