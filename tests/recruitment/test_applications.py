"""简历投递 (manual 4.4): delivery once per job, the status machine, notifications, the employer's inbox."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.core.models import MessageDelivery
from careers.recruitment.applications.actions import DeliveryError, MoveError, deliver, mark_viewed, move
from careers.recruitment.models import Application
from careers.resumes.models import Resume, ResumeAward, ResumeEducation, ResumeExperience
from tests.factories import EmployerFactory, JobFactory, SchoolAdminFactory, StudentFactory
from tests.pdf_samples import MINIMAL_PDF
from tests.studentfiles.helpers import private_media, student_account  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = MINIMAL_PDF
Status = Application.Status


def make_resume(student, title="软件开发简历", attachment=False, **extra):
    resume = Resume.objects.create(student=student, title=title, expected_position="后端开发", skills="Python\nDjango",
                                   salary_min=8000, salary_max=12000, **extra)
    ResumeEducation.objects.create(resume=resume, school="某大学", major="软件工程", degree="本科", start="2023-09",
                                   end="2027-06")
    ResumeExperience.objects.create(resume=resume, organisation="某科技公司", role="实习生", start="2026-07")
    ResumeAward.objects.create(resume=resume, name="国家奖学金", awarded_on="2025-10")
    if attachment:
        resume.attachment.save("resume.pdf", ContentFile(PDF))
    return resume


@pytest.fixture
def student(org, private_media):  # noqa: F811
    student = org["students"]["a1"]
    student.phone, student.email = "13800001111", "stu@example.com"
    student.save(update_fields=["phone", "email"])
    student_account(student)
    return student


@pytest.fixture
def job(db):
    return JobFactory(approved=True)


@pytest.fixture
def resume(student):
    return make_resume(student)


def deliver_url(job):
    return reverse("portal_recruitment:application_deliver", args=[job.pk])


# -- delivery ------------------------------------------------------------------------------------

def test_student_delivers_once_with_snapshot_and_employer_is_told(client, student, job, resume):
    client.force_login(student.user)
    page = client.get(deliver_url(job))
    assert page.status_code == 200 and resume.title in page.content.decode()
    response = client.post(deliver_url(job), {"resume": resume.pk})
    assert response.status_code == 302 and response.url == reverse("portal_recruitment:application_list")
    application = Application.objects.get()
    assert (application.job, application.employer, application.student) == (job, job.employer, student)
    assert application.status == Status.DELIVERED and application.status_changed_at
    snap = application.snapshot
    assert snap["name"] == student.name and snap["phone"] == "13800001111" and snap["email"] == "stu@example.com"
    assert snap["educations"][0]["school"] == "某大学" and snap["experiences"][0]["organisation"] == "某科技公司"
    assert snap["awards"][0]["name"] == "国家奖学金" and snap["skills"] == ["Python", "Django"]
    assert snap["salary"] == "8000–12000 元/月" and snap["major"] == student.major.name
    assert student.id_number not in str(snap), "the ID number must never reach an employer"
    to_employer = MessageDelivery.objects.filter(recipient=job.employer.user)
    assert set(to_employer.values_list("channel", flat=True)) == {"inbox", "email"}
    # a second delivery to the same job is refused with the message, nothing new stored
    again = client.post(deliver_url(job), {"resume": resume.pk}, follow=True)
    assert "您已投递过该职位" in again.content.decode()
    assert Application.objects.count() == 1


def test_snapshot_survives_editing_and_deleting_the_resume(student, job):
    resume = make_resume(student, attachment=True)
    application = deliver(student, job.pk, resume.pk)
    resume.title = "改过的标题"
    resume.save()
    assert Application.objects.get().snapshot["title"] == "软件开发简历"
    name = application.snapshot["attachment"]
    assert name.startswith("applications/") and name != resume.attachment.name
    resume.delete()
    application.refresh_from_db()
    assert application.resume is None and application.snapshot["name"] == student.name


def test_unique_constraint_is_the_guard_when_the_check_is_raced(student, job, resume, monkeypatch):
    """Two requests pass the exists() check together; the database lets one row through."""
    deliver(student, job.pk, resume.pk)
    from careers.recruitment.applications import actions as actions_applications

    real_filter = Application.objects.filter

    class NoCheck:
        def exists(self):
            return False

    monkeypatch.setattr(actions_applications.Application.objects, "filter",
                        lambda *a, **k: NoCheck() if set(k) == {"job", "student"} else real_filter(*a, **k))
    with pytest.raises(DeliveryError) as exc:
        deliver(student, job.pk, resume.pk)
    assert exc.value.code == "duplicate" and "您已投递过该职位" in exc.value.message
    assert Application.objects.count() == 1


@pytest.mark.parametrize("change", ["deadline", "closed", "unapproved", "not_admitted"])
def test_no_delivery_to_jobs_that_are_not_open(client, student, resume, change):
    if change == "deadline":
        job = JobFactory(approved=True, deadline=timezone.localdate() - datetime.timedelta(days=1))
    elif change == "closed":
        job = JobFactory(approved=True, closed_at=timezone.now())
    elif change == "unapproved":
        job = JobFactory()
    else:
        job = JobFactory(approved=True, employer=EmployerFactory())
    client.force_login(student.user)
    response = client.post(deliver_url(job), {"resume": resume.pk})
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert "该职位已截止或已关闭" in response.content.decode()
    assert not Application.objects.exists()


def test_cannot_deliver_someone_elses_resume(client, student, job, org):
    other = make_resume(org["students"]["a2"], title="别人的简历")
    make_resume(student)
    client.force_login(student.user)
    response = client.post(deliver_url(job), {"resume": other.pk})
    assert response.status_code == 400 and "请选择一份您自己的简历" in response.content.decode()
    response = client.post(deliver_url(job), {"resume": "abc"})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_student_without_resume_is_sent_to_build_one(client, student, job):
    client.force_login(student.user)
    response = client.get(deliver_url(job))
    assert response.status_code == 302 and response.url == reverse("portal_resumes:add")
    assert client.post(deliver_url(job), {"resume": 1}).url == reverse("portal_resumes:add")


def test_only_students_deliver(client, job, school_admin, private_media):  # noqa: F811
    for user in (job.employer.user, school_admin):
        client.force_login(user)
        response = client.post(deliver_url(job), {"resume": 1})
        assert response.status_code == 403
        assert "只有学生账号可以投递简历" in response.content.decode()
    client.logout()
    response = client.post(deliver_url(job), {"resume": 1})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not Application.objects.exists()


def test_student_account_without_student_row(client, job):
    from careers.accounts.models import User
    from tests.factories import UserFactory

    user = UserFactory(username="lonely", kind=User.Kind.STUDENT)
    client.force_login(user)
    response = client.get(deliver_url(job))
    assert response.status_code == 403 and "尚未关联学生信息" in response.content.decode()


def test_delivery_needs_csrf(student, job, resume):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(student.user)
    assert csrf_client.post(deliver_url(job), {"resume": resume.pk}).status_code == 403
    assert not Application.objects.exists()


# -- the apply button include ----------------------------------------------------------------------

def render_button(job, user):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/jobs/1/")
    request.user = user or AnonymousUser()
    return Template('{% include "recruitment/includes/apply_button.html" %}').render(
        Context({"job": job, "request": request, "user": request.user}))


def test_apply_button_states(student, job, resume):
    assert "登录后投递简历" in render_button(job, None)
    assert "只有学生账号可以投递简历" in render_button(job, job.employer.user)
    html = render_button(job, student.user)
    assert deliver_url(job) in html and "投递简历" in html
    deliver(student, job.pk, resume.pk)
    assert "已投递 · 已投递" in render_button(job, student.user)
    expired = JobFactory(approved=True, deadline=timezone.localdate() - datetime.timedelta(days=1))
    assert "职位已截止" in render_button(expired, student.user)


# -- the status machine ----------------------------------------------------------------------------

@pytest.fixture
def application(student, job, resume):
    return deliver(student, job.pk, resume.pk, notify=False)


def test_opening_marks_viewed_once_and_tells_the_student(client, application):
    client.force_login(application.employer.user)
    url = reverse("company:application_detail", args=[application.pk])
    body = client.get(url).content.decode()
    assert application.student.name in body and "13800001111" in body
    application.refresh_from_db()
    assert application.status == Status.VIEWED
    assert MessageDelivery.objects.filter(recipient=application.student.user, channel="inbox").count() == 1
    client.get(url)
    assert MessageDelivery.objects.filter(recipient=application.student.user).count() == 1
    assert not mark_viewed(application)


def test_interview_then_offer_notifies_and_records_history(client, application):
    employer_user = application.employer.user
    client.force_login(employer_user)
    move_url = reverse("company:application_move", args=[application.pk])
    response = client.post(move_url, {"status": "interview", "note": ""}, follow=True)
    assert "请在“留言”中写明面试时间和地点" in response.content.decode()
    client.post(move_url, {"status": "interview", "note": "12月3日 14:00 公司三楼"})
    application.refresh_from_db()
    assert application.status == Status.INTERVIEW and application.employer_note == "12月3日 14:00 公司三楼"
    student_user = application.student.user
    mails = MessageDelivery.objects.filter(recipient=student_user, channel="email").select_related("message")
    assert mails.count() == 1 and "12月3日 14:00" in mails.get().message.body
    client.post(move_url, {"status": "offer", "note": "欢迎加入"})
    application.refresh_from_db()
    assert application.status == Status.OFFER
    history = list(application.history.order_by("history_date", "history_id").values_list("status", "history_user"))
    assert [s for s, _ in history] == ["delivered", "viewed", "interview", "offer"]  # the redirect opened it
    assert history[-1][1] == employer_user.pk
    assert MessageDelivery.objects.filter(recipient=student_user, channel="email").count() == 2
    # the student's list shows the status, the note and the employer
    client.force_login(student_user)
    body = client.get(reverse("portal_recruitment:application_list")).content.decode()
    assert "录用" in body and "欢迎加入" in body and application.employer.name in body


@pytest.mark.parametrize("start,target", [
    ("offer", "delivered"), ("offer", "interview"), ("offer", "rejected"), ("rejected", "offer"),
    ("rejected", "interview"), ("viewed", "viewed"), ("viewed", "delivered"), ("interview", "bogus"),
])
def test_illegal_moves_are_refused(application, start, target):
    Application.objects.filter(pk=application.pk).update(status=start)
    application.refresh_from_db()
    with pytest.raises(MoveError):
        move(application, target, "面试时间", user=application.employer.user)
    application.refresh_from_db()
    assert application.status == start


def test_illegal_move_over_http_shows_reason(client, application):
    Application.objects.filter(pk=application.pk).update(status=Status.OFFER)
    client.force_login(application.employer.user)
    response = client.post(reverse("company:application_move", args=[application.pk]),
                           {"status": "delivered"}, follow=True)
    assert "请选择处理结果" in response.content.decode()
    response = client.post(reverse("company:application_move", args=[application.pk]),
                           {"status": "rejected"}, follow=True)
    assert "当前状态为“录用”，不能改为“不合适”" in response.content.decode()
    assert Application.objects.get().status == Status.OFFER


def test_note_too_long_is_refused(application):
    with pytest.raises(MoveError) as exc:
        move(application, Status.REJECTED, "长" * 501)
    assert "500" in exc.value.message


# -- the employer's side: only its own ----------------------------------------------------------

def test_other_employer_cannot_reach_an_application(client, application):
    other = EmployerFactory(admitted=True)
    client.force_login(other.user)
    for name in ("application_detail", "application_attachment"):
        assert client.get(reverse(f"company:{name}", args=[application.pk])).status_code == 404
    assert client.post(reverse("company:application_move", args=[application.pk]),
                       {"status": "offer"}).status_code == 404
    assert application.student.name not in client.get(reverse("company:application_list")).content.decode()
    application.refresh_from_db()
    assert application.status == Status.DELIVERED


def test_attachment_only_for_receiving_employer(client, student, job):
    resume = make_resume(student, attachment=True)
    application = deliver(student, job.pk, resume.pk, notify=False)
    client.force_login(job.employer.user)
    response = client.get(reverse("company:application_attachment", args=[application.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    client.force_login(student.user)
    assert client.get(reverse("company:application_attachment", args=[application.pk])).status_code == 403
    # no attachment delivered → 404
    plain = deliver(student, JobFactory(approved=True, employer=job.employer).pk, make_resume(student, "无附件").pk,
                    notify=False)
    client.force_login(job.employer.user)
    assert client.get(reverse("company:application_attachment", args=[plain.pk])).status_code == 404


def test_employer_list_filters_and_bounded_queries(client, org, job, private_media):  # noqa: F811
    employer = job.employer
    other_job = JobFactory(approved=True, employer=employer, title="会计")

    def add(n):
        for i in range(n):
            s = StudentFactory(major=org["majors"]["a1"])
            student_account(s)
            deliver(s, (job if i % 2 else other_job).pk, make_resume(s).pk, notify=False)

    add(2)
    client.force_login(employer.user)
    url = reverse("company:application_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(8)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert len(many) == len(few) <= 12
    assert body.count('class="list-group-item list-group-item-action application') == 10
    filtered = client.get(url, {"job": other_job.pk}).content.decode()
    assert filtered.count("应聘：会计") == 5 and "应聘：软件" not in filtered
    Application.objects.filter(job=job).update(status=Status.INTERVIEW)
    assert client.get(url, {"status": "interview"}).content.decode().count("data-status=\"interview\"") == 5
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert "没有符合条件的简历投递" in client.get(url, {"delivered_after": tomorrow}).content.decode()
    foreign = JobFactory(approved=True)
    bad = client.get(url, {"job": foreign.pk}).content.decode()
    assert "职位" in bad and "没有符合条件的简历投递" in bad  # another unit's job is not a valid choice


def test_portal_list_shows_only_own_and_is_bounded(client, student, org, resume):
    other = org["students"]["a2"]
    student_account(other)
    other_job = JobFactory(approved=True, title="别人投的职位")
    deliver(other, other_job.pk, make_resume(other).pk, notify=False)
    client.force_login(student.user)
    url = reverse("portal_recruitment:application_list")
    assert "别人投的职位" not in client.get(url).content.decode()
    for _ in range(3):
        deliver(student, JobFactory(approved=True).pk, resume.pk, notify=False)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        deliver(student, JobFactory(approved=True).pk, resume.pk, notify=False)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert len(many) == len(few) <= 10
    assert body.count('class="list-group-item application"') == 8 and "别人投的职位" not in body
    assert 'name="viewport"' in body  # phone-first layout


@pytest.mark.postgres_only
def test_concurrent_deliveries_store_one(transactional_db, code_tables, settings, tmp_path):
    """Two threads deliver the same résumé to the same job at the same moment: one row, one refusal."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    s = StudentFactory()
    student_account(s)
    job = JobFactory(approved=True)
    resume = make_resume(s)
    from tests.concurrency import run_concurrently

    def run():
        try:
            deliver(s, job.pk, resume.pk, notify=False)
            return "ok"
        except DeliveryError as exc:
            return exc.code

    outcomes = run_concurrently(run, 2)
    assert sorted(outcomes) == ["duplicate", "ok"]
    assert Application.objects.count() == 1


def test_admin_user_is_not_a_student(client, job):
    admin = SchoolAdminFactory(username="sa-x")
    client.force_login(admin)
    assert client.get(reverse("portal_recruitment:application_list")).status_code == 403


def test_deleting_a_delivery_removes_its_pdf_copy(student, job, django_capture_on_commit_callbacks):
    from careers.studentfiles.storage import private_storage

    application = deliver(student, job.pk, make_resume(student, attachment=True).pk, notify=False)
    name = application.snapshot["attachment"]
    assert private_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        job.delete()
    assert not private_storage().exists(name)
