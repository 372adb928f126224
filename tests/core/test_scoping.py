"""Data scope: the restrict() rule, and the generated leak matrix over every model view."""

import pytest
from django.urls import reverse

from careers.employment.models import DispatchRecord, EmploymentRecord
from careers.followup.models import FollowUpEntry, LedgerStudent
from careers.org.models import Campus, College, Department, Major
from careers.progress.models import ProgressProject, ProgressReport
from careers.recruitment.models import Application, JobMatch, MatchRun
from careers.resumes.models import Resume
from careers.students.models import MajorTransfer, Student
from careers.studentfiles.models import ArchiveRecord, StudentImage
from tests.factories import JobFactory, UserFactory
from tests.urlwalk import model_routes

pytestmark = pytest.mark.django_db


def test_school_admin_sees_every_major(school_admin, org):
    assert set(Major.objects.restrict(school_admin)) == set(org["majors"].values())


def test_college_admin_sees_only_managed_majors_and_their_students(college_admin, org):
    assert set(Major.objects.restrict(college_admin)) == {org["majors"]["a1"], org["majors"]["a2"]}
    assert set(Student.objects.restrict(college_admin)) == {org["students"]["a1"], org["students"]["a2"]}
    assert list(College.objects.restrict(college_admin)) == [org["college_a"]]


def test_scope_spanning_many_does_not_duplicate_rows(college_admin, org):
    assert College.objects.restrict(college_admin).count() == 1


def test_without_permission_nothing_is_returned(org):
    user = UserFactory(username="noperm")
    user.managed_majors.set(org["majors"].values())
    assert not Student.objects.restrict(user).exists()


def test_students_and_employers_never_see_backoffice_data(org):
    from careers.accounts.models import User

    for kind in (User.Kind.STUDENT, User.Kind.EMPLOYER):
        user = UserFactory(username=f"k-{kind}", kind=kind, permissions=["students.student.view"])
        assert not Student.objects.restrict(user).exists()


def test_permission_change_applies_on_next_request(client, org):
    user = UserFactory(username="grow", permissions=[])
    user.managed_majors.set(org["majors"].values())
    client.force_login(user)
    assert client.get(reverse("students:student_list")).status_code == 403
    user.set_permissions(["students.student.view"])
    user.save()
    assert client.get(reverse("students:student_list")).status_code == 200


def out_of_scope_object(model, org):
    """An object of `model` the college admin (college A only) must never reach."""
    major_b = org["majors"]["b1"]
    makers = {  # built only for the model asked for
        Campus: lambda: out_of_scope_campus(org),
        Major: lambda: major_b,
        Student: lambda: org["students"]["b1"],
        College: lambda: org["college_b"],
        Department: lambda: Department.objects.create(college=org["college_b"], name="乙系"),
        MajorTransfer: lambda: MajorTransfer.objects.create(
            student=org["students"]["b1"], from_major=major_b, from_year=2027, to_major=org["majors"]["b2"],
            to_year=2028, reason="乙院内转移"),
        StudentImage: lambda: StudentImage.objects.create(student=org["students"]["b1"], title="乙院图片",
                                                          image="gallery/none.jpg", thumbnail="gallery/none-t.jpg"),
        ArchiveRecord: lambda: ArchiveRecord.objects.create(student=org["students"]["b1"],
                                                            receiving_unit="乙院接收单位"),
        Resume: lambda: Resume.objects.create(student=org["students"]["b1"], title="乙院简历"),
        DispatchRecord: lambda: DispatchRecord.objects.get(student=org["students"]["b1"]),
        EmploymentRecord: lambda: org["students"]["b1"].employment,
        **out_of_scope_agreements(org),
        LedgerStudent: lambda: LedgerStudent.objects.get(pk=org["students"]["b1"].pk),
        FollowUpEntry: lambda: FollowUpEntry.objects.create(student=org["students"]["b1"],
                                                            contacted_on="2026-10-01", situation="seeking"),
        ProgressReport: lambda: ProgressReport.objects.create(
            project=ProgressProject.objects.create(title="进展项目", graduation_year=2027, starts_at="2026-01-01T00:00Z",
                                                   ends_at="2030-01-01T00:00Z", figures=[]),
            major=major_b, values={}),
    }
    maker = makers.get(model)
    return maker() if maker else out_of_scope_website(model, org) or out_of_scope_recruitment(model, org)


def out_of_scope_website(model, org):
    """网站内容管理: college B's own column, an article in it and its attachment (issue 17)."""
    from careers.website.models import Article, ArticleAttachment, Category

    if model not in (Category, Article, ArticleAttachment):
        return None
    column, _ = Category.objects.get_or_create(slug="scope-b-news", defaults={
        "name": "乙学院新闻栏目", "kind": "news", "college": org["college_b"]})
    if model is Category:
        return column
    article = Article.objects.create(category=column, title="乙学院资讯标题", status="published")
    if model is Article:
        return article
    return ArticleAttachment.objects.create(article=article, name="乙学院附件.pdf", file="website/none.pdf")


def out_of_scope_agreements(org):
    """协议书: an application, its uploaded material and a number of a college-B student."""
    import datetime

    from careers.employment.models import AgreementApplication, AgreementNumber, ApplicationMaterial, OnlineAgreement
    from tests.factories import EmployerFactory, code

    def application():
        return AgreementApplication.objects.get_or_create(student=org["students"]["b1"], kind="first")[0]

    return {
        AgreementApplication: application,
        ApplicationMaterial: lambda: ApplicationMaterial.objects.create(application=application(), name="乙院材料",
                                                                        file="agreements/none.png"),
        AgreementNumber: lambda: AgreementNumber.objects.create(number="B0001", student=org["students"]["b1"]),
        OnlineAgreement: lambda: OnlineAgreement.objects.create(
            student=org["students"]["b1"], employer=EmployerFactory(admitted=True), job_title="乙院岗位",
            work_region=code("region", "420111"), contract_period="3 年", salary="面议",
            start_date=datetime.date(2030, 7, 1)),
    }


def out_of_scope_campus(org):
    """A campus where only college B teaches: college A's admin must not reach it."""
    campus = Campus.objects.create(name="乙校区")
    Major.objects.filter(pk__in=[org["majors"]["b1"].pk, org["majors"]["b2"].pk]).update(campus=campus)
    return campus


def out_of_scope_recruitment(model, org):
    """Recruitment rows scoped by the student's major (created only when asked for)."""
    if model is Application:
        job = JobFactory(approved=True)
        return Application.objects.create(job=job, employer=job.employer, student=org["students"]["b1"],
                                          snapshot={"name": org["students"]["b1"].name, "title": "乙院投递"})
    if model is JobMatch:
        return JobMatch.objects.create(student=org["students"]["b1"], job=JobFactory(approved=True),
                                       run=MatchRun.objects.create(run_date="2026-11-28"), score=80,
                                       reasons=["专业对口：工学"])
    return out_of_scope_events(model, org)


def out_of_scope_events(model, org):
    """Talk/fair registrations and check-ins, scoped by the student's major (issue 6)."""
    from careers.events.models import CheckIn, Registration
    from tests.factories import CheckInFactory, TalkFactory

    if model is Registration:
        from tests.factories import CareerEventFactory

        # issue 16: the same student registered for a 就业活动 too, so the 就业活动 registration list is tested
        Registration.objects.create(career_event=CareerEventFactory(), student=org["students"]["b1"])
        return Registration.objects.create(talk=TalkFactory(approved=True), student=org["students"]["b1"])
    if model is CheckIn:
        return CheckInFactory(student=org["students"]["b1"])
    return out_of_scope_programmes(model, org) or out_of_scope_counseling(model, org)


def out_of_scope_programmes(model, org):
    """项目活动: an entry whose captain is in college B (with its member rows, scoped by each member's major)."""
    from careers.events.models import ProgrammeEntry, ProgrammeEntryMember
    from tests.events.programmes_support import programme

    if model not in (ProgrammeEntry, ProgrammeEntryMember):
        return None
    p = programme(title="乙院竞赛")
    entry = ProgrammeEntry.objects.create(programme=p, captain=org["students"]["b1"], team_name="乙院队")
    member = ProgrammeEntryMember.objects.create(entry=entry, programme=p, student=org["students"]["b1"],
                                                 role="captain")
    return entry if model is ProgrammeEntry else member


def out_of_scope_counseling(model, org):
    """A counseling booking (and its rating) of a college-B student: scoped by the student's major (issue 16)."""
    import datetime

    from django.utils import timezone

    from careers.counseling.models import Adviser, Booking, Rating, Slot, Topic

    if model not in (Booking, Rating):
        return None
    adviser = Adviser.objects.create(user=UserFactory(username="scope-adviser", kind="counselor"))
    start = timezone.now() - datetime.timedelta(days=1)
    slot = Slot.objects.create(adviser=adviser, starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    booking = Booking.objects.create(slot=slot, student=org["students"]["b1"], adviser=adviser, starts_at=slot.starts_at,
                                     ends_at=slot.ends_at, topic=Topic.objects.create(name="乙院主题"),
                                     question="乙院学生的问题", status="completed")
    return booking if model is Booking else Rating.objects.create(booking=booking, stars=5)


def marker(obj):
    """Text that identifies the object in a rendered list or export."""
    return (getattr(obj, "student_number", None) or getattr(getattr(obj, "student", None), "student_number", None)
            or getattr(getattr(obj, "captain", None), "student_number", None) or getattr(obj, "name", None)
            or obj.title)


SCOPED_ROUTES = [r for r in model_routes() if getattr(r.model, "scope_major_lookup", None)]


def fixture_for(route, org):
    """The out-of-scope object of a matrix row; a row without one fails (a scoped route must be tested)."""
    obj = out_of_scope_object(route.model, org)
    if obj is None:
        pytest.fail(f"{route.name}: no out-of-scope fixture for {route.model.__name__}; add one to "
                    "out_of_scope_object() in tests/core/test_scoping.py")
    return obj


def test_every_scoped_model_with_a_route_has_an_out_of_scope_fixture(org):
    """One place that names every model missing from the matrix (the rows above fail one by one)."""
    missing = sorted(m.__name__ for m in {r.model for r in SCOPED_ROUTES} if out_of_scope_object(m, org) is None)
    assert missing == [], f"scoped models without an out-of-scope fixture: {missing}"


def test_every_model_reachable_from_a_student_declares_its_scope():
    """The system check (careers.core.checks) passes: no model reaches a student without a declaration."""
    from careers.core.checks import check_scope_declarations

    assert check_scope_declarations() == []


@pytest.mark.parametrize("route", [r for r in SCOPED_ROUTES if r.needs_pk], ids=lambda r: r.name)
def test_object_outside_scope_is_404(client, college_admin, org, route):
    obj = fixture_for(route, org)
    client.force_login(college_admin)
    url = reverse(route.name, kwargs={"pk": obj.pk})
    # 403 when the action itself is not allowed (e.g. org writes are school-only), else 404
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {}).status_code in (403, 404, 405)
    assert type(obj).objects.filter(pk=obj.pk).exists(), "an out-of-scope POST changed data"


@pytest.mark.parametrize("route", [r for r in SCOPED_ROUTES if r.name.endswith("_list")], ids=lambda r: r.name)
def test_object_outside_scope_never_listed(client, college_admin, org, route):
    obj = fixture_for(route, org)
    client.force_login(college_admin)
    response = client.get(reverse(route.name), {"graduation_year": "", "per_page": 200})
    assert response.status_code == 200
    body = response.content.decode()
    assert marker(obj) not in body
    inside = {Major: org["majors"]["a1"], Student: org["students"]["a1"], College: org["college_a"]}.get(route.model)
    if inside is not None:
        assert marker(inside) in body


@pytest.mark.parametrize("route", [r for r in SCOPED_ROUTES if r.name.endswith("_bulk_delete")], ids=lambda r: r.name)
def test_bulk_action_with_out_of_scope_row_changes_nothing(client, college_admin, org, route):
    obj = fixture_for(route, org)
    client.force_login(college_admin)
    response = client.post(reverse(route.name), {"pk": [obj.pk], "_confirm": "1"})
    assert response.status_code in (302, 403)
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("route", [r for r in SCOPED_ROUTES if r.name.endswith("_export")], ids=lambda r: r.name)
def test_export_never_contains_out_of_scope_rows(client, college_admin, org, route):
    obj = fixture_for(route, org)
    client.force_login(college_admin)
    response = client.post(reverse(route.name) + "?graduation_year=", {"format": "csv"})
    if response.status_code == 302:  # large exports go to a job page
        pytest.fail("export of a handful of rows should stream directly")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert marker(obj) not in content.decode("utf-8-sig")


def test_filter_dropdowns_only_offer_scoped_majors(client, college_admin, org):
    client.force_login(college_admin)
    body = client.get(reverse("students:student_list")).content.decode()
    assert "甲专业一" in body and "乙专业一" not in body
    assert "乙学院" not in body


def test_edit_cannot_move_major_out_of_scope(client, college_admin, org):
    """Restrict-then-verify: saving a major into a college outside scope is refused."""
    college_admin.permissions = [*college_admin.permissions]
    major = org["majors"]["a1"]
    client.force_login(college_admin)
    # college admins cannot hold org write permissions at all (school-only)
    response = client.get(reverse("org:major_edit", kwargs={"pk": major.pk}))
    assert response.status_code == 403


def test_dashboard_chart_counts_only_scoped_students(client, college_admin, org):
    client.force_login(college_admin)
    session = client.session
    session["operating_year"] = 2027
    session.save()
    response = client.get(reverse("core:home"))
    rows = response.context["students_by_college"]
    assert rows == [{"college": "甲学院", "total": 2}]
