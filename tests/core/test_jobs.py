"""Background jobs: progress, user-safe failures, retry, creator-only pages and downloads."""

import pytest
from django.urls import reverse

from careers.core import jobs
from careers.core.models import Job
from tests.factories import SchoolAdminFactory

pytestmark = pytest.mark.django_db

CALLS = []


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def handlers():
    CALLS.clear()

    @jobs.job_handler("test.count")
    def count(ctx):
        total = ctx.params["n"]
        for i in range(1, total + 1):
            ctx.progress(i, total, f"第 {i} 项")
        ctx.save_file("结果.txt", "共 {} 项".format(total).encode())
        ctx.set_result(done=total)

    @jobs.job_handler("test.flaky")
    def flaky(ctx):
        CALLS.append(ctx.job.attempts)
        if len(CALLS) == 1:
            raise KeyError("secret internal detail")

    @jobs.job_handler("test.refuse")
    def refuse(ctx):
        raise jobs.JobError("文件已过期，请重新上传。")

    yield
    for kind in ("test.count", "test.flaky", "test.refuse"):
        jobs.HANDLERS.pop(kind, None)


def test_job_runs_and_records_progress_and_file(school_admin):
    job = jobs.start_job("test.count", "计数", {"n": 25}, school_admin, total=25)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.attempts == 1
    assert (job.progress, job.total, job.percent) == (25, 25, 100)
    assert job.result == {"done": 25}
    assert job.result_file.read().decode() == "共 25 项"


def test_progress_writes_are_throttled(school_admin, django_assert_max_num_queries):
    job = Job.objects.create(kind="test.count", label="x", created_by=school_admin, total=10_000)
    ctx = jobs.JobContext(job)
    with django_assert_max_num_queries(3):
        for i in range(1, 5000):
            ctx.progress(i, 10_000)


def test_failure_shows_chinese_message_without_traceback(client, school_admin):
    job = jobs.start_job("test.flaky", "不稳定任务", {}, school_admin)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "系统错误" in job.message and "secret" not in job.message
    client.force_login(school_admin)
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "系统错误" in page and "KeyError" not in page and "secret internal detail" not in page
    assert reverse("core:job_retry", args=[job.pk]) in page


def test_job_error_message_is_shown_as_is(school_admin):
    job = jobs.start_job("test.refuse", "拒绝", {}, school_admin)
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, "文件已过期，请重新上传。")


def test_retry_reruns_failed_job_and_counts_attempts(client, school_admin):
    job = jobs.start_job("test.flaky", "不稳定任务", {}, school_admin)
    client.force_login(school_admin)
    response = client.post(reverse("core:job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.attempts == 2
    assert job.message == "已完成"  # not the first attempt's failure
    assert CALLS == [1, 2]


def test_only_failed_jobs_can_be_retried(client, school_admin):
    job = jobs.start_job("test.count", "计数", {"n": 1}, school_admin)
    client.force_login(school_admin)
    client.post(reverse("core:job_retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.attempts == 1


def test_redelivered_finished_job_is_not_run_again(school_admin):
    job = jobs.start_job("test.flaky", "不稳定任务", {}, school_admin)
    jobs.retry_job(job)
    jobs.execute(job.pk)  # e.g. Celery redelivers after the worker acked late
    job.refresh_from_db()
    assert job.attempts == 2 and CALLS == [1, 2]


def test_progress_partial_polls_until_done(client, school_admin):
    job = Job.objects.create(kind="test.count", label="计数", created_by=school_admin, total=10, progress=4,
                             status=Job.Status.RUNNING)
    client.force_login(school_admin)
    url = reverse("core:job_progress", args=[job.pk])
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in running and 'aria-valuenow="40"' in running
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, result={"redirect_url": "/next/"})
    done = client.get(url + "?follow=1", HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in done.content.decode()
    assert done["HX-Redirect"] == "/next/"


def test_job_pages_and_download_are_for_the_creator_only(client, school_admin):
    job = jobs.start_job("test.count", "计数", {"n": 2}, school_admin)
    other = SchoolAdminFactory(username="school9")
    other.set_permissions(school_admin.permissions)
    other.save()
    client.force_login(other)
    for name in ("core:job_detail", "core:job_progress", "core:job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("core:job_retry", args=[job.pk])).status_code == 404
    client.force_login(school_admin)
    response = client.get(reverse("core:job_download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "共 2 项"
    assert "attachment" in response["Content-Disposition"]


def test_result_files_are_not_served_from_media(client, school_admin):
    job = jobs.start_job("test.count", "计数", {"n": 1}, school_admin)
    job.refresh_from_db()
    client.force_login(school_admin)
    assert client.get(f"/media/{job.result_file.name}").status_code == 404


def test_with_a_worker_the_job_is_queued_after_commit(settings, school_admin, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    from careers.core import tasks

    settings.CELERY_TASK_ALWAYS_EAGER = False
    queued = []
    monkeypatch.setattr(tasks.run_job, "delay", lambda job_id: queued.append(job_id))
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start_job("test.count", "计数", {"n": 1}, school_admin)
        assert queued == []  # not before the Job row is committed
    assert queued == [str(job.pk)]
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    tasks.run_job.apply(args=[str(job.pk)])  # what the worker does
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
