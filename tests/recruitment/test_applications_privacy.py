"""Résumé privacy: an employer reads a résumé only when it was delivered to it, or the student made it
visible and the employer is admitted (人才库, without contact details)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.recruitment.applications.actions import deliver
from careers.resumes.models import Resume
from tests.factories import EmployerFactory, JobFactory, MajorFactory, StudentFactory, code
from tests.recruitment.test_applications import make_resume
from tests.studentfiles.helpers import private_media, student_account  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org, private_media):  # noqa: F811
    private_student, public_student = org["students"]["a1"], org["students"]["a2"]
    for s, phone in ((private_student, "13900000001"), (public_student, "13900000002")):
        s.phone = phone
        s.save(update_fields=["phone"])
        student_account(s)
    return {
        "private": make_resume(private_student, title="私密简历"),
        "public": make_resume(public_student, title="阳光简历", visibility=Resume.Visibility.EMPLOYERS,
                              expected_industry=code("industry", "I")),
        "admitted": EmployerFactory(admitted=True),
        "other_admitted": EmployerFactory(admitted=True),
        "waiting": EmployerFactory(),
    }


def pages(client, employer, resume):
    client.force_login(employer.user)
    search = client.get(reverse("company:resume_search"))
    detail = client.get(reverse("company:resume_detail", args=[resume.pk]))
    return search, detail


def test_private_resume_is_invisible_to_every_employer(client, people):
    resume = people["private"]
    for key in ("admitted", "other_admitted"):
        search, detail = pages(client, people[key], resume)
        assert search.status_code == 200 and "私密简历" not in search.content.decode()
        assert detail.status_code == 404
    search, detail = pages(client, people["waiting"], resume)
    assert search.status_code == 403 and detail.status_code == 403


def test_visible_resume_only_for_admitted_employers_and_without_contact(client, people):
    resume = people["public"]
    search, detail = pages(client, people["admitted"], resume)
    body = search.content.decode()
    assert "阳光简历" in body and resume.student.name in body
    text = detail.content.decode()
    assert detail.status_code == 200 and "阳光简历" in text and "某大学" in text and "Django" in text
    assert "13900000002" not in text and resume.student.id_number not in text and resume.student.student_number \
        not in text
    assert "联系方式在学生向贵单位投递简历后可见" in text
    search, detail = pages(client, people["waiting"], resume)
    assert search.status_code == 403 and detail.status_code == 403
    assert "尚未通过学校审核入驻" in search.content.decode()


def test_delivered_resume_visible_only_to_the_receiving_employer(client, people):
    resume = people["private"]
    job = JobFactory(approved=True, employer=people["admitted"])
    application = deliver(resume.student, job.pk, resume.pk, notify=False)
    client.force_login(people["admitted"].user)
    body = client.get(reverse("company:application_detail", args=[application.pk])).content.decode()
    assert "私密简历" in body and "13900000001" in body  # delivered: with the contact details
    # ...and it is still not in anyone's 人才库, nor readable by the other unit in any way
    assert client.get(reverse("company:resume_detail", args=[resume.pk])).status_code == 404
    client.force_login(people["other_admitted"].user)
    assert client.get(reverse("company:application_detail", args=[application.pk])).status_code == 404
    assert "私密简历" not in client.get(reverse("company:application_list")).content.decode()
    assert client.get(reverse("company:resume_detail", args=[resume.pk])).status_code == 404


def test_inactive_student_or_unapproved_resume_leaves_the_pool(client, people):
    resume = people["public"]
    client.force_login(people["admitted"].user)
    Resume.objects.filter(pk=resume.pk).update(review_status=Resume.ReviewStatus.PENDING)
    assert client.get(reverse("company:resume_detail", args=[resume.pk])).status_code == 404
    Resume.objects.filter(pk=resume.pk).update(review_status=Resume.ReviewStatus.APPROVED)
    type(resume.student).objects.filter(pk=resume.student_id).update(is_active=False)
    assert client.get(reverse("company:resume_detail", args=[resume.pk])).status_code == 404


def test_students_and_admins_cannot_use_employer_pages(client, people, school_admin):
    resume = people["public"]
    for user in (people["private"].student.user, school_admin):
        client.force_login(user)
        assert client.get(reverse("company:resume_search")).status_code == 403
        assert client.get(reverse("company:resume_detail", args=[resume.pk])).status_code == 403
        assert client.get(reverse("company:application_list")).status_code == 403


def test_students_cannot_see_others_resumes_or_applications(client, people):
    public = people["public"]
    job = JobFactory(approved=True, employer=people["admitted"])
    application = deliver(public.student, job.pk, public.pk, notify=False)
    client.force_login(people["private"].student.user)
    assert client.get(reverse("portal_resumes:detail", args=[public.pk])).status_code == 404
    body = client.get(reverse("portal_recruitment:application_list")).content.decode()
    assert job.title not in body
    assert client.get(reverse("company:application_detail", args=[application.pk])).status_code == 403
    # delivering with someone else's résumé id stores nothing
    response = client.post(reverse("portal_recruitment:application_deliver", args=[job.pk]), {"resume": public.pk})
    assert response.status_code == 400


def test_talent_pool_filters_and_bounded_queries(client, people):
    employer = people["admitted"]
    client.force_login(employer.user)
    url = reverse("company:resume_search")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        s = StudentFactory(major=MajorFactory(name=f"人才专业{i}"))
        make_resume(s, title=f"人才{i}", visibility=Resume.Visibility.EMPLOYERS)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert len(many) == len(few) <= 12 and "人才5" in body
    industry = code("industry", "I")
    body = client.get(url, {"expected_industry": industry.pk}).content.decode()
    assert "阳光简历" in body and "人才1" not in body
    assert "阳光简历" in client.get(url, {"q": "某大学"}).content.decode()  # education rows
    assert "阳光简历" not in client.get(url, {"q": "没有这个词"}).content.decode()
    assert "人才3" in client.get(url, {"major": "人才专业3"}).content.decode()
    level = people["public"].student.major.education_level
    assert "阳光简历" in client.get(url, {"education": level.pk}).content.decode()
    assert "阳光简历" not in client.get(url, {"job_type": "internship"}).content.decode()
