"""职位匹配推送 and 投递状态提醒: the nightly matches and the employer's status moves go to WeChat (when the channel
is registered) unless the student turned that kind off — then only WeChat is left out, the inbox copy stays;
the preference costs one query per chunk (matching) or per message (applications), none without WeChat."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.core.models import Message, MessageDelivery
from careers.recruitment.applications.actions import mark_viewed, move
from careers.recruitment.matching import run as matching
from careers.recruitment.matching.run import run_matching
from careers.recruitment.models import Application
from careers.wechat.reminders import prefs
from careers.wechat.reminders.models import ReminderPreference
from tests.recruitment.test_applications import application, job, resume, student  # noqa: F401
from tests.recruitment.test_matching import TODAY, new_job, student_with_resume
from tests.studentfiles.helpers import private_media  # noqa: F401
from tests.wechat.reminders_support import no_wechat_channel, wechat_channel  # noqa: F401

pytestmark = pytest.mark.django_db

Status = Application.Status


def channels_of(user_id):
    return sorted(MessageDelivery.objects.filter(recipient_id=user_id).values_list("channel", flat=True))


# -- 投递状态提醒 -------------------------------------------------------------------------------------------

def test_status_change_goes_to_wechat_too(application, wechat_channel):  # noqa: F811
    move(application, Status.INTERVIEW, "12月3日 14:00 公司三楼")
    assert channels_of(application.student.user_id) == ["email", "inbox", "wechat"]


def test_opted_out_student_keeps_inbox_and_email_only(application, wechat_channel):  # noqa: F811
    ReminderPreference.objects.create(user_id=application.student.user_id, application_updates=False)
    move(application, Status.OFFER, "欢迎加入")
    assert channels_of(application.student.user_id) == ["email", "inbox"]


def test_viewed_stays_inbox_only(application, wechat_channel):  # noqa: F811
    assert mark_viewed(application)
    assert channels_of(application.student.user_id) == ["inbox"]


def test_no_wechat_channel_no_preference_query(application, no_wechat_channel, monkeypatch):  # noqa: F811
    def boom(*args, **kwargs):
        raise AssertionError("no preference look-up without a WeChat channel")

    monkeypatch.setattr(prefs, "opted_out", boom)
    move(application, Status.INTERVIEW, "明天上午")
    assert channels_of(application.student.user_id) == ["email", "inbox"]


def test_one_query_for_the_preference(application, wechat_channel):  # noqa: F811
    def preference_queries(ctx):
        return [q["sql"] for q in ctx.captured_queries if "wechat_reminderpreference" in q["sql"]]

    with CaptureQueriesContext(connection) as without_row:
        move(application, Status.INTERVIEW, "明天上午")
    ReminderPreference.objects.create(user_id=application.student.user_id, application_updates=False)
    with CaptureQueriesContext(connection) as with_row:
        move(Application.objects.get(pk=application.pk), Status.OFFER, "")
    assert len(preference_queries(without_row)) == len(preference_queries(with_row)) == 1


# -- 职位匹配推送 -------------------------------------------------------------------------------------------

def test_matches_go_to_wechat_except_for_students_who_turned_it_off(wechat_channel):  # noqa: F811
    keep, off = student_with_resume(), student_with_resume()
    ReminderPreference.objects.create(user_id=off.user_id, job_matches=False, talks=False)
    new_job()
    run = run_matching(TODAY)
    assert run.notified == 2
    assert channels_of(keep.user_id) == ["email", "inbox", "wechat"]
    assert channels_of(off.user_id) == ["email", "inbox"]
    assert set(Message.objects.values_list("kind", flat=True)) == {"job_match"}


def test_matches_without_the_wechat_channel_are_one_message(no_wechat_channel):  # noqa: F811
    students = [student_with_resume() for _ in range(3)]
    ReminderPreference.objects.create(user_id=students[0].user_id, job_matches=False)
    new_job()
    run_matching(TODAY)
    assert Message.objects.count() == 1 and not MessageDelivery.objects.filter(channel="wechat").exists()


def test_matching_preference_costs_one_query_per_chunk(wechat_channel, monkeypatch):  # noqa: F811
    new_job()
    counts = []
    for n in (2, 8):
        MessageDelivery.objects.all().delete()
        students = [student_with_resume() for _ in range(n)]
        ReminderPreference.objects.bulk_create([ReminderPreference(user_id=s.user_id, job_matches=bool(i % 2))
                                                for i, s in enumerate(students)])
        run = matching.MatchRun.objects.create(run_date=TODAY)
        matching.compute(run)
        with CaptureQueriesContext(connection) as ctx:
            matching.notify(run)
        counts.append(len([q for q in ctx.captured_queries if "wechat_reminderpreference" in q["sql"]]))
        matching.JobMatch.objects.all().delete()
        matching.MatchRun.objects.all().delete()
    assert counts == [1, 1]
