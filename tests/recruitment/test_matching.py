"""职位智能匹配: the nightly run (who and what is matched, top-N, never twice, opt-out, idempotence,
messages), the student's page and the back office (permissions, 立即运行, scope)."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.core.models import Message, MessageDelivery, OperationLog
from careers.recruitment.matching import run as matching
from careers.recruitment.matching.run import day_window, run_matching
from careers.recruitment.models import JobMatch, MatchOptOut, MatchRun
from careers.recruitment.tasks import match_new_jobs
from careers.resumes.models import Resume
from careers.wechat.reminders.prefs import with_wechat
from tests.factories import EmployerFactory, JobFactory, StudentFactory, code
from tests.studentfiles.helpers import student_account

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY_NOON = day_window(TODAY)[0] + datetime.timedelta(hours=12)


def new_job(**kw):
    disciplines = kw.pop("disciplines", ["08"])
    kw.setdefault("first_approved_at", YESTERDAY_NOON)
    kw.setdefault("education", code("education_level", "31"))
    job = JobFactory(approved=True, **kw)
    job.disciplines.set([code("discipline", c) for c in disciplines])
    return job


def student_with_resume(email="", regions=("420100",), industry="65", job_type="fulltime", salary=(7000, 10000),
                        **kw):
    student = StudentFactory(**kw)
    student_account(student, email=email or f"{student.student_number}@example.com")
    resume = Resume.objects.create(student=student, title="求职简历", job_type=job_type,
                                   expected_industry=code("industry", industry) if industry else None,
                                   salary_min=salary[0], salary_max=salary[1])
    resume.expected_regions.set([code("region", r) for r in regions])
    return student


def matched(student):
    return set(JobMatch.objects.filter(student=student).values_list("job_id", flat=True))


# -- what is matched ---------------------------------------------------------------------------------------

def test_only_previous_day_approvals_still_published_by_admitted_employers():
    student = student_with_resume()
    good = new_job(title="后端开发工程师")
    new_job(first_approved_at=YESTERDAY_NOON - datetime.timedelta(days=1))  # the day before
    new_job(first_approved_at=YESTERDAY_NOON + datetime.timedelta(days=1))  # today
    new_job(employer=EmployerFactory())  # unit not admitted (等待审核)
    new_job(closed_at=timezone.now())  # closed by the employer
    new_job(deadline=TODAY - datetime.timedelta(days=1))  # expired
    JobFactory(title="未审核职位")  # pending
    run = run_matching(TODAY)
    assert run.status == MatchRun.Status.DONE
    assert run.jobs == 1 and run.matches == 1 and run.notified == 1
    assert matched(student) == {good.pk}
    match = JobMatch.objects.get(student=student)
    assert match.score == 100 and match.run == run and match.notified_at is not None
    assert match.reasons == ["专业对口：工学", "学历符合：本科", "期望地区：武汉市", "期望行业：软件和信息技术服务业",
                             "薪资符合期望", "工作类型：全职"]


def test_hard_filters_and_eligible_students():
    job = new_job()  # 工学, 本科, 武汉市洪山区, full-time
    fits = student_with_resume()
    other_major = student_with_resume(major__discipline=code("discipline", "12"))
    vocational = student_with_resume(major__education_level=code("education_level", "41"))
    beijing = student_with_resume(regions=("110000",))
    intern = student_with_resume(job_type="internship")
    graduated_long_ago = student_with_resume(graduation_year=TODAY.year - 2)
    last_year = student_with_resume(graduation_year=TODAY.year - 1)
    inactive = student_with_resume(is_active=False)
    no_resume = StudentFactory()
    student_account(no_resume)
    opted_out = student_with_resume()
    MatchOptOut.objects.create(student=opted_out)
    run_matching(TODAY)
    assert set(JobMatch.objects.values_list("student_id", flat=True)) == {fits.pk, last_year.pk}
    for student in (other_major, vocational, beijing, intern, graduated_long_ago, inactive, no_resume, opted_out):
        assert not matched(student)
        assert not MessageDelivery.objects.filter(recipient=student.user).exists()
    assert job.pk in matched(fits)


def test_top_n_best_jobs_per_student(settings):
    settings.JOB_MATCH_MAX_PER_STUDENT = 2
    student = student_with_resume()
    best = new_job()  # 100
    second = new_job(region=code("region", "420500"))  # 宜昌市: same province, 90
    new_job(salary_min=3000, salary_max=4000)  # pays less: 85
    new_job(disciplines=[])  # open to every major: 85
    run = run_matching(TODAY)
    assert matched(student) == {best.pk, second.pk}
    assert run.matches == 2
    scores = dict(JobMatch.objects.values_list("job_id", "score"))
    assert scores == {best.pk: 100, second.pk: 90}


def test_best_of_several_resumes():
    student = student_with_resume(regions=("110000",))
    internship = Resume.objects.create(student=student, title="实习简历", job_type="internship")
    job = new_job(job_type="internship")
    run_matching(TODAY)
    assert matched(student) == {job.pk}
    assert "工作类型：实习" in JobMatch.objects.get(student=student).reasons
    assert internship.pk


def test_never_the_same_job_twice_across_nights():
    student = student_with_resume()
    first = new_job()
    run_matching(TODAY)
    # the next night: the same post shows up again (say, approval time corrected) together with a new one
    tomorrow = TODAY + datetime.timedelta(days=1)
    first.first_approved_at = day_window(tomorrow)[0] + datetime.timedelta(hours=9)
    first.save()
    second = new_job(first_approved_at=first.first_approved_at, deadline=tomorrow + datetime.timedelta(days=30))
    run = run_matching(tomorrow)
    assert JobMatch.objects.filter(student=student, job=first).count() == 1
    assert JobMatch.objects.get(student=student, job=second).run == run
    bodies = list(Message.objects.order_by("pk").values_list("body", flat=True))
    assert len(bodies) == 2 and first.title in bodies[0] and first.title not in bodies[1]


# -- messages and idempotence -------------------------------------------------------------------------------

def test_one_message_per_student_with_jobs_reasons_and_link(settings):
    settings.JOB_MATCH_CHANNELS = ("inbox", "email")
    student = student_with_resume()
    jobs = [new_job(title=f"测试职位{i}") for i in range(3)]
    run_matching(TODAY)
    deliveries = MessageDelivery.objects.filter(recipient=student.user)
    # + WeChat while that channel is registered (wechat reminders: the student keeps 职位匹配推送 on by default)
    assert sorted(deliveries.values_list("channel", flat=True)) == sorted(with_wechat(("inbox", "email")))
    message = deliveries.first().message
    assert Message.objects.count() == 1
    assert message.link == reverse("portal_recruitment:job_matches") == "/me/job-matches/"
    assert "3 个新职位" in message.subject
    for job in jobs:
        assert job.title in message.body and f"/jobs/{job.pk}/" in message.body
    assert "专业对口：工学" in message.body and "期望地区：武汉市" in message.body and "薪资符合期望" in message.body
    assert "不再接收职位推荐" in message.body


def test_send_messages_records_many_messages_like_send_message(django_capture_on_commit_callbacks):
    from careers.core.messaging import send_messages

    a, b = student_with_resume(), student_with_resume()
    b.user.is_active = False
    b.user.save()
    with mock.patch("careers.core.messaging.tasks.deliver_messages.delay") as queued:
        with django_capture_on_commit_callbacks(execute=True):
            messages = send_messages([([a.user], "标题一", "内容一", "/me/job-matches/"),
                                      ([b.user], "标题二", "内容二", "")], channels=("inbox", "email"))
    assert [m.subject for m in messages] == ["标题一"]  # the inactive user's item is left out
    assert set(MessageDelivery.objects.values_list("recipient_id", "channel", "status")) == {
        (a.user_id, "inbox", "sent"), (a.user_id, "email", "queued")}
    queued.assert_called_once_with([messages[0].pk])
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        send_messages([([a.user], "标题", "内容", "https://evil.example/")])


def test_matched_students_get_the_email_in_eager_mode(mailoutbox, django_capture_on_commit_callbacks):
    student = student_with_resume(email="match@example.com")
    job = new_job(title="邮件里的职位")
    with django_capture_on_commit_callbacks(execute=True):
        run_matching(TODAY)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["match@example.com"]
    assert job.title in mailoutbox[0].body and "期望地区：武汉市" in mailoutbox[0].body
    assert MessageDelivery.objects.get(recipient=student.user, channel="email").status == "sent"


def test_identical_messages_are_recorded_once():
    students = [student_with_resume() for _ in range(3)]
    new_job()
    run = run_matching(TODAY)
    assert run.notified == 3
    assert Message.objects.count() == 1
    assert MessageDelivery.objects.filter(channel="inbox").count() == 3
    assert {d.recipient_id for d in MessageDelivery.objects.all()} == {s.user_id for s in students}


def test_running_twice_adds_nothing_and_sends_nothing():
    student_with_resume()
    student_with_resume(regions=("420000",))
    new_job()
    first = run_matching(TODAY)
    counts = (JobMatch.objects.count(), Message.objects.count(), MessageDelivery.objects.count())
    second = match_new_jobs(run_date=TODAY.isoformat())
    assert second.startswith(f"{TODAY}:done")
    assert (JobMatch.objects.count(), Message.objects.count(), MessageDelivery.objects.count()) == counts
    assert MatchRun.objects.get() == first


def test_a_crashed_run_resumes_without_duplicates(monkeypatch):
    students = [student_with_resume(regions=r) for r in (("420100",), ("420000",), ())]
    new_job()
    monkeypatch.setattr(matching, "NOTIFY_CHUNK", 1)
    real_send, calls = matching.send_messages, []

    def flaky(items, **kwargs):
        calls.append(items)
        if len(calls) == 2:
            raise ConnectionError("worker killed")
        return real_send(items, **kwargs)

    with mock.patch.object(matching, "send_messages", flaky):
        with pytest.raises(ConnectionError):
            run_matching(TODAY)
    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.FAILED and "worker killed" in run.error
    assert JobMatch.objects.count() == 3 and JobMatch.objects.filter(notified_at__isnull=False).count() == 1
    assert MessageDelivery.objects.filter(channel="inbox").count() == 1
    # a run left RUNNING (the process died) resumes the same way
    MatchRun.objects.update(status=MatchRun.Status.RUNNING)
    run = run_matching(TODAY)
    assert run.status == MatchRun.Status.DONE and run.matches == 3 and run.notified == 3
    assert JobMatch.objects.count() == 3
    inbox = MessageDelivery.objects.filter(channel="inbox")
    assert inbox.count() == 3 and {d.recipient_id for d in inbox} == {s.user_id for s in students}


def test_a_resumed_run_keeps_what_was_matched_before_the_crash(settings):
    student = student_with_resume()
    job = new_job()
    run = MatchRun.objects.create(run_date=TODAY, status=MatchRun.Status.RUNNING)
    JobMatch.objects.create(student=student, job=job, run=run, score=100, reasons=["专业对口：工学"])
    new_job()  # would also fit; the interrupted run had already chosen for this student
    run = run_matching(TODAY)
    assert matched(student) == {job.pk}
    assert MessageDelivery.objects.filter(recipient=student.user, channel="inbox").count() == 1


def test_no_new_jobs_is_a_quiet_done_night():
    student_with_resume()
    run = run_matching(TODAY)
    assert run.status == MatchRun.Status.DONE and run.jobs == 0 and run.matches == 0
    assert not Message.objects.exists()


def test_task_defaults_to_today_in_shanghai():
    new_job()
    student_with_resume()
    match_new_jobs()
    assert MatchRun.objects.get().run_date == timezone.localdate()


# -- the student's page ----------------------------------------------------------------------------------------

def test_student_sees_only_own_matches_with_reasons(client):
    mine, other = student_with_resume(), student_with_resume(regions=("420000",))
    job = new_job(title="我的匹配职位")
    run_matching(TODAY)
    JobMatch.objects.filter(student=other).update(reasons=["别人的理由"])
    client.force_login(mine.user)
    response = client.get(reverse("portal_recruitment:job_matches"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "我的匹配职位" in body and f"/jobs/{job.pk}/" in body and "100 分" in body
    assert "期望地区：武汉市" in body and "别人的理由" not in body
    assert "不再接收职位推荐" in body


def test_opt_out_and_back_in(client):
    student = student_with_resume()
    client.force_login(student.user)
    url = reverse("portal_recruitment:job_matches_toggle")
    assert client.get(url).status_code == 405
    response = client.post(url, {"receive": "0"}, follow=True)
    assert MatchOptOut.objects.filter(student=student).exists()
    assert "重新接收职位推荐" in response.content.decode()
    new_job()
    run_matching(TODAY)
    assert not matched(student)
    client.post(url, {"receive": "1"})
    assert not MatchOptOut.objects.filter(student=student).exists()
    response = client.post(url, {"receive": "maybe"}, follow=True)
    assert "请选择是否接收职位推荐" in response.content.decode()


def test_student_page_needs_a_student(client, school_admin):
    url = reverse("portal_recruitment:job_matches")
    assert client.get(url).status_code == 302  # login
    client.force_login(school_admin)
    assert client.get(url).status_code == 403
    assert client.post(reverse("portal_recruitment:job_matches_toggle"), {"receive": "0"}).status_code == 403


# -- back office ----------------------------------------------------------------------------------------------

def test_run_history_and_run_now_for_school_admins(client, school_admin, django_capture_on_commit_callbacks):
    student_with_resume()
    new_job()
    client.force_login(school_admin)
    url = reverse("recruitment:matchrun_list")
    assert "立即运行" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("recruitment:matchrun_run"), follow=True)
    assert response.status_code == 200
    run = MatchRun.objects.get()
    assert run.run_date == TODAY and run.status == MatchRun.Status.DONE and run.matches == 1
    assert "职位匹配已完成：1 个新职位，1 条匹配，已通知 1 名学生" in response.content.decode()  # eager: ran here
    assert OperationLog.objects.filter(module="recruitment", message__contains="立即运行职位智能匹配").exists()
    body = client.get(url).content.decode()
    assert "已完成" in body and "秒" in body
    response = client.post(reverse("recruitment:matchrun_run"), follow=True)
    assert "已完成，不会重复推送" in response.content.decode()
    assert MatchRun.objects.count() == 1 and Message.objects.count() == 1


def test_a_failed_run_now_is_a_message_and_a_failed_run_not_a_server_error(
        client, school_admin, monkeypatch, django_capture_on_commit_callbacks):
    student_with_resume()
    new_job()
    monkeypatch.setattr(matching, "compute", mock.Mock(side_effect=RuntimeError("database is locked")))
    client.force_login(school_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("recruitment:matchrun_run"), follow=True)
    assert response.status_code == 200
    assert "职位匹配未能完成，原因见运行记录" in response.content.decode()
    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.FAILED and "database is locked" in run.error
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("recruitment:matchrun_run"), follow=True)
    assert "职位匹配已完成" in response.content.decode()
    assert MatchRun.objects.get().status == MatchRun.Status.DONE and JobMatch.objects.count() == 1


def test_college_admins_see_runs_but_cannot_run_now(client, college_admin):
    client.force_login(college_admin)
    assert client.get(reverse("recruitment:matchrun_list")).status_code == 200
    assert "立即运行" not in client.get(reverse("recruitment:matchrun_list")).content.decode()
    assert client.post(reverse("recruitment:matchrun_run")).status_code == 403
    assert not MatchRun.objects.exists()


def test_without_permission_no_access(client, org):
    from tests.factories import SchoolAdminFactory

    user = SchoolAdminFactory(username="noperm-school", permissions=[])
    client.force_login(user)
    assert client.get(reverse("recruitment:matchrun_list")).status_code == 403
    assert client.get(reverse("recruitment:jobmatch_list")).status_code == 403
    assert client.post(reverse("recruitment:matchrun_run")).status_code == 403


def test_matches_list_is_scoped_to_the_admins_majors(client, college_admin, org):
    inside, outside = org["students"]["a1"], org["students"]["b1"]
    job = new_job(title="范围测试职位")
    run = MatchRun.objects.create(run_date=TODAY, status=MatchRun.Status.DONE)
    for student in (inside, outside):
        JobMatch.objects.create(student=student, job=job, run=run, score=88, reasons=["专业对口：工学"])
    client.force_login(college_admin)
    body = client.get(reverse("recruitment:jobmatch_list"), {"run": run.pk}).content.decode()
    assert inside.student_number in body and outside.student_number not in body
    assert "专业对口：工学" in body
