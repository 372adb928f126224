"""core.transitions: lock, check the allowed move, apply, log; "already done" on repeats."""

import pytest
from django.core.exceptions import ValidationError

from careers.core.models import Job, OperationLog
from careers.core.transitions import lock_in_place, locked, transition

pytestmark = pytest.mark.django_db
Status = Job.Status


def running_job():
    return Job.objects.create(kind="export", label="导出学生信息", status=Status.RUNNING)


def finish(job, user=None, **extra):
    return transition(job, to=Status.SUCCEEDED, allowed_from=(Status.RUNNING,), verb="标记完成", user=user,
                      module="system", **extra)


def test_moves_applies_saves_and_logs_once(school_admin):
    job = running_job()
    result = finish(job, school_admin, apply=lambda j: setattr(j, "message", "已完成"))
    assert result.changed and job.status == Status.SUCCEEDED
    job.refresh_from_db()
    assert (job.status, job.message) == (Status.SUCCEEDED, "已完成")
    entry = OperationLog.objects.get(object_id=str(job.pk))
    assert entry.user == school_admin and entry.changes == {"status": ["running", "succeeded"]}
    assert entry.message == f"标记完成：{job}"


def test_a_repeat_is_already_done_and_writes_nothing():
    job = running_job()
    finish(job)
    again = finish(Job.objects.get(pk=job.pk))
    assert not again.changed and OperationLog.objects.filter(object_id=str(job.pk)).count() == 1


def test_a_move_the_state_machine_forbids_is_refused_with_the_state_named():
    job = Job.objects.create(kind="export", label="导出学生信息", status=Status.FAILED)
    with pytest.raises(ValidationError) as caught:
        finish(job)
    assert "当前为“失败”，不能标记完成" in caught.value.messages[0] or "不能标记完成" in caught.value.messages[0]
    job.refresh_from_db()
    assert job.status == Status.FAILED and not OperationLog.objects.filter(object_id=str(job.pk)).exists()


def test_a_failing_apply_leaves_everything_as_it_was():
    job = running_job()

    def check(j):
        raise ValidationError("文件尚未生成。")

    with pytest.raises(ValidationError, match="文件尚未生成"):
        finish(job, apply=check)
    job.refresh_from_db()
    assert job.status == Status.RUNNING and not OperationLog.objects.exists()


def test_locked_reads_the_row_again():
    job = running_job()
    Job.objects.filter(pk=job.pk).update(message="他人已修改")
    assert locked(job, "created_by").message == "他人已修改"
    assert locked(job.pk, model=Job).message == "他人已修改"


def test_extra_changes_update_fields_and_reason():
    job = running_job()
    result = finish(job, apply=lambda j: setattr(j, "message", "已完成"), update_fields=["message"],
                    changes=lambda j: {"message": ["", j.message]}, reason="标记完成")
    assert result.changed
    job.refresh_from_db()
    assert (job.status, job.message) == (Status.SUCCEEDED, "已完成")
    entry = OperationLog.objects.get(object_id=str(job.pk), module="system")
    assert entry.changes == {"status": ["running", "succeeded"], "message": ["", "已完成"]}


def test_update_fields_saves_only_those_fields():
    job = running_job()
    job_again = Job.objects.get(pk=job.pk)
    job_again.label = "未保存的修改"
    finish(job_again, apply=lambda j: setattr(j, "label", "不应保存"), update_fields=[])
    job.refresh_from_db()
    assert job.status == Status.SUCCEEDED and job.label == "导出学生信息"


def test_a_repeat_can_be_refused_instead():
    job = running_job()
    finish(job)
    with pytest.raises(ValidationError, match="不能标记完成"):
        finish(Job.objects.get(pk=job.pk), repeat_is_done=False)


def test_lock_in_place_reloads_the_callers_instance():
    job = running_job()
    Job.objects.filter(pk=job.pk).update(message="他人已修改")
    assert lock_in_place(job) is job and job.message == "他人已修改"
