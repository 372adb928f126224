"""职位管理 (manual 4.3): states, re-review keeps the approved version public, admitted-only lists,
permissions, 刷新时间 order, all-or-nothing bulk approve, sanitising and the employer's form rules."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.recruitment.jobs import actions
from careers.recruitment.jobs.forms import JobForm
from careers.recruitment.models import Employer, Job, JobStatus
from tests.factories import EmployerFactory, JobFactory, SchoolAdminFactory, code

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def form_data(**overrides):
    data = {"title": "数据分析师", "job_type": "fulltime", "openings": "2", "region": code("region", "420111").pk,
            "salary_min": "6000", "salary_max": "9000", "education": "", "major_requirement": "统计学相关",
            "description": "<p>负责<strong>数据</strong>分析。</p>",
            "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "contact_person": "李老师", "contact_phone": "027-88886666", "contact_email": "hr@example.com"}
    data.update(overrides)
    return data


def values_of(job, **overrides):
    values = {name: getattr(job, name) for name in Job.REVIEW_FIELDS}
    values.update(overrides)
    return values


@pytest.fixture
def employer(db):
    return EmployerFactory(admitted=True)


@pytest.fixture
def reviewer(db):
    user = SchoolAdminFactory(username="jobreviewer")
    user.set_permissions(["recruitment.job.view", "recruitment.job.review", "recruitment.job.change",
                          "recruitment.job.export"])
    user.save()
    return user


# -- states ----------------------------------------------------------------------------------------------

def test_states_table(employer, reviewer):
    today = timezone.localdate()
    waiting = actions.create_job(employer, values_of(JobFactory.build(employer=employer)))
    assert waiting.status == JobStatus.WAITING
    approved = JobFactory(employer=employer, approved=True)
    assert approved.status == JobStatus.APPROVED
    re_review = JobFactory(employer=employer, approved=True)
    assert actions.update_job(re_review, values_of(re_review, title="新标题")) == "re_review"
    assert re_review.status == JobStatus.RE_REVIEW
    rejected = JobFactory(employer=employer)
    actions.reviews.reject(rejected, reason="职位描述不完整", acting_user=reviewer)
    assert rejected.status == JobStatus.REJECTED
    expired = JobFactory(employer=employer, approved=True, deadline=today - datetime.timedelta(days=1))
    assert expired.status == JobStatus.EXPIRED
    closed = actions.close_job(JobFactory(employer=employer, approved=True))
    assert closed.status == JobStatus.CLOSED
    rows = {s: set(Job.objects.with_status(s).values_list("pk", flat=True)) for s in JobStatus.values}
    expected = {JobStatus.WAITING: waiting, JobStatus.APPROVED: approved, JobStatus.RE_REVIEW: re_review,
                JobStatus.REJECTED: rejected, JobStatus.EXPIRED: expired, JobStatus.CLOSED: closed}
    for status, job in expected.items():
        assert rows[status] == {job.pk}, status
    assert set(Job.objects.published().values_list("pk", flat=True)) == {approved.pk, re_review.pk}


def test_first_approval_sets_dates_and_every_approval_bumps(employer, reviewer):
    job = actions.create_job(employer, values_of(JobFactory.build(employer=employer)))
    actions.reviews.approve(job, acting_user=reviewer)
    first, bumped = job.first_approved_at, job.bumped_at
    assert first and bumped and job.status == JobStatus.APPROVED
    actions.update_job(job, values_of(job, openings=9))
    actions.reviews.approve(job, acting_user=reviewer)
    job.refresh_from_db()
    assert job.first_approved_at == first and job.bumped_at > bumped and job.openings == 9


def test_re_review_keeps_the_approved_version_public(client, employer, reviewer):
    job = JobFactory(employer=employer, approved=True, title="Java开发工程师", description="<p>旧的描述</p>")
    new = values_of(job, title="高级Java开发工程师", description="<p>新的描述</p>")
    assert actions.update_job(job, new, [code("discipline", "08")]) == "re_review"
    job.refresh_from_db()
    assert job.title == "Java开发工程师" and job.pending_changes["title"] == "高级Java开发工程师"
    page = client.get(reverse("site:job_detail", args=[job.pk])).content.decode()
    assert "Java开发工程师" in page and "高级Java" not in page and "旧的描述" in page and "新的描述" not in page
    assert client.get(reverse("site:job_list"), {"q": "新的描述"}).context["page"]["count"] == 0
    assert client.get(reverse("site:job_list"), {"q": "旧的描述"}).context["page"]["count"] == 1
    # rejecting the edit leaves the approved version public, and the unit sees the reason
    actions.reviews.reject(job, reason="标题夸大", acting_user=reviewer)
    assert job.status == JobStatus.APPROVED and job.review_note == "标题夸大" and not job.pending_changes
    assert Job.objects.published().filter(pk=job.pk).exists()
    # resubmit and approve: the new version (and its disciplines) go public
    actions.update_job(job, new, [code("discipline", "08")])
    actions.reviews.approve(job, acting_user=reviewer)
    job.refresh_from_db()
    assert job.title == "高级Java开发工程师" and list(job.disciplines.values_list("code", flat=True)) == ["08"]
    assert client.get(reverse("site:job_list"), {"q": "新的描述"}).context["page"]["count"] == 1


def test_edit_of_never_approved_post_is_written_and_back_to_pending(employer, reviewer):
    job = JobFactory(employer=employer)
    actions.reviews.reject(job, reason="请补充联系人", acting_user=reviewer)
    assert actions.update_job(job, values_of(job, contact_person="王老师")) == "pending"
    job.refresh_from_db()
    assert job.contact_person == "王老师" and job.status == JobStatus.WAITING and not job.pending_changes


def test_close_and_repost(employer):
    job = JobFactory(employer=employer, approved=True)
    actions.close_job(job)
    assert not Job.objects.published().filter(pk=job.pk).exists()
    with pytest.raises(ValidationError):
        actions.close_job(job)
    actions.repost_job(job)
    assert Job.objects.published().filter(pk=job.pk).exists()
    expired = JobFactory(employer=employer, approved=True, deadline=timezone.localdate() - datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="新的截止日期"):
        actions.repost_job(expired)
    with pytest.raises(ValidationError, match="不能早于今天"):
        actions.repost_job(expired, deadline=timezone.localdate() - datetime.timedelta(days=1))
    actions.repost_job(expired, deadline=timezone.localdate() + datetime.timedelta(days=10))
    assert expired.status == JobStatus.APPROVED


# -- admitted employers only -------------------------------------------------------------------------------

def test_only_admitted_employers_posts_in_admin_list_and_site(client, reviewer, employer):
    waiting_unit = EmployerFactory()  # 等待审核
    hidden = JobFactory(employer=waiting_unit, approved=True, title="未入驻单位职位")
    shown = JobFactory(employer=employer, approved=True, title="已入驻单位职位")
    client.force_login(reviewer)
    page = client.get(reverse("recruitment:job_list")).content.decode()
    assert "已入驻单位职位" in page and "未入驻单位职位" not in page
    assert client.get(reverse("recruitment:job_detail", args=[hidden.pk])).status_code == 404
    client.logout()
    page = client.get(reverse("site:job_list")).content.decode()
    assert "已入驻单位职位" in page and "未入驻单位职位" not in page
    assert client.get(reverse("site:job_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("site:job_detail", args=[shown.pk])).status_code == 200
    assert client.get(reverse("site:employer_detail", args=[waiting_unit.pk])).status_code == 404
    with pytest.raises(ValidationError, match="尚未入驻"):
        actions.reviews.approve(JobFactory(employer=waiting_unit), acting_user=reviewer)


def test_site_hides_unapproved_pending_closed_expired_and_inactive(client, employer):
    pending = JobFactory(employer=employer)
    closed = JobFactory(employer=employer, approved=True, closed_at=timezone.now())
    expired = JobFactory(employer=employer, approved=True, deadline=timezone.localdate() - datetime.timedelta(days=1))
    inactive_unit = EmployerFactory(admitted=True)
    inactive_unit.user.is_active = False
    inactive_unit.user.save()
    blocked = JobFactory(employer=inactive_unit, approved=True)
    for job in (pending, closed, expired, blocked):
        assert client.get(reverse("site:job_detail", args=[job.pk])).status_code == 404


def test_employer_page_shows_approved_profile_only(client, employer):
    employer.pending_changes = {"name": "改过的名字有限公司"}
    employer.review_status = "pending"
    employer.save()
    JobFactory(employer=employer, approved=True, title="在招的职位")
    page = client.get(reverse("site:employer_detail", args=[employer.pk])).content.decode()
    assert employer.name in page and "改过的名字" not in page and "在招的职位" in page


# -- permissions -----------------------------------------------------------------------------------------------

def test_backoffice_permissions(client, employer):
    job = JobFactory(employer=employer)
    viewer = SchoolAdminFactory(username="jobviewer")
    viewer.set_permissions(["recruitment.job.view"])
    viewer.save()
    client.force_login(viewer)
    assert client.get(reverse("recruitment:job_list")).status_code == 200
    assert client.get(reverse("recruitment:job_detail", args=[job.pk])).status_code == 200
    assert client.post(reverse("recruitment:job_detail", args=[job.pk]), {"_action": "approve"}).status_code == 403
    client.post(reverse("recruitment:job_bump"), {"pk": [job.pk]})
    assert client.post(reverse("recruitment:job_bulk_review"), {"pk": [job.pk], "_confirm": "1"}).status_code == 403
    job.refresh_from_db()
    assert job.review_status == "pending" and job.bumped_at is None
    nobody = SchoolAdminFactory(username="nojobs")
    client.force_login(nobody)
    assert client.get(reverse("recruitment:job_list")).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.reviews.approve(job, acting_user=nobody)
    with pytest.raises(PermissionDenied):
        actions.bump([job], acting_user=nobody)
    # employers and the public never reach the back office
    client.force_login(employer.user)
    assert client.get(reverse("recruitment:job_list")).status_code == 403


def test_employer_sees_only_own_jobs(client, employer):
    other = JobFactory(title="别家的职位")
    mine = JobFactory(employer=employer, title="自家的职位")
    client.force_login(employer.user)
    page = client.get(reverse("company:job_list")).content.decode()
    assert "自家的职位" in page and "别家的职位" not in page
    assert client.get(reverse("company:job_detail", args=[mine.pk])).status_code == 200
    for name in ("company:job_detail", "company:job_edit"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
    assert client.post(reverse("company:job_close", args=[other.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("company:job_list")).status_code == 302  # to the login page


# -- admin review, bulk, bump ------------------------------------------------------------------------------------

def test_admin_review_page_approve_and_reject_with_reason(client, reviewer, employer):
    job = JobFactory(employer=employer, approved=True)
    actions.update_job(job, values_of(job, title="修改后的标题"))
    client.force_login(reviewer)
    page = client.get(reverse("recruitment:job_detail", args=[job.pk])).content.decode()
    assert "pending-changes" in page and "修改后的标题" in page
    response = client.post(reverse("recruitment:job_detail", args=[job.pk]), {"_action": "reject", "reason": ""})
    assert "请填写不同意的原因" in response.content.decode()
    client.post(reverse("recruitment:job_detail", args=[job.pk]), {"_action": "reject", "reason": "标题不规范"})
    job.refresh_from_db()
    assert job.review_note == "标题不规范" and job.title != "修改后的标题"
    client.force_login(employer.user)
    assert "标题不规范" in client.get(reverse("company:job_detail", args=[job.pk])).content.decode()
    assert OperationLog.objects.filter(object_type="recruitment.job", object_id=str(job.pk)).exists()


def test_bulk_approve_is_all_or_nothing(client, reviewer, employer):
    good = JobFactory(employer=employer)
    bad = JobFactory(employer=employer)
    Job.objects.filter(pk=bad.pk).update(openings=0, region=code("education_level", "31"))  # invalid in the DB
    with pytest.raises(ValidationError):
        actions.reviews.bulk_approve([good, bad], acting_user=reviewer)
    good.refresh_from_db()
    assert good.review_status == "pending" and good.first_approved_at is None
    client.force_login(reviewer)
    response = client.post(reverse("recruitment:job_bulk_review"), {"pk": [good.pk, bad.pk], "_confirm": "1"},
                           follow=True)
    assert "未审核任何记录" in response.content.decode()
    assert not Job.objects.filter(first_approved_at__isnull=False).exists()
    other = JobFactory(employer=employer)
    response = client.post(reverse("recruitment:job_bulk_review"), {"pk": [good.pk, other.pk]})
    assert "批量审核 2 个职位" in response.content.decode()
    client.post(reverse("recruitment:job_bulk_review"), {"pk": [good.pk, other.pk], "_confirm": "1"})
    assert Job.objects.filter(pk__in=[good.pk, other.pk], first_approved_at__isnull=False).count() == 2


def test_bump_moves_posts_to_the_top_and_is_logged(client, reviewer, employer):
    old = JobFactory(employer=employer, approved=True, title="较早的职位",
                     bumped_at=timezone.now() - datetime.timedelta(days=5))
    JobFactory(employer=employer, approved=True, title="较新的职位", bumped_at=timezone.now() - datetime.timedelta(days=1))
    pending = JobFactory(employer=employer)
    assert client.get(reverse("site:job_list")).context["jobs"][0].title == "较新的职位"
    client.force_login(reviewer)
    response = client.post(reverse("recruitment:job_bump"), {"pk": [old.pk, pending.pk]}, follow=True)
    assert "尚未审核通过" in response.content.decode()
    old.refresh_from_db()
    assert old.bumped_at < timezone.now() - datetime.timedelta(days=4)  # nothing bumped
    client.post(reverse("recruitment:job_bump"), {"pk": [old.pk]})
    client.logout()
    assert client.get(reverse("site:job_list")).context["jobs"][0].title == "较早的职位"
    assert OperationLog.objects.filter(message__startswith="刷新时间").exists()


def test_admin_export(client, reviewer, employer):
    JobFactory(employer=employer, approved=True, title="导出的职位")
    client.force_login(reviewer)
    response = client.get(reverse("recruitment:job_export"), {"format": "csv"})
    assert response.status_code in (200, 302)


# -- the employer's form -------------------------------------------------------------------------------------

def test_employer_posts_before_admission_but_nothing_shows(client):
    unit = EmployerFactory()
    client.force_login(unit.user)
    response = client.post(reverse("company:job_add"), form_data(), follow=True)
    job = Job.objects.get(employer=unit)
    assert job.status == JobStatus.WAITING and "等待学校审核" in response.content.decode()
    client.logout()
    assert client.get(reverse("site:job_detail", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("overrides,message", [
    ({"salary_min": "9000", "salary_max": "6000"}, "月薪下限不能高于上限"),
    ({"deadline": "2020-01-01"}, "截止日期不能早于今天"),
    ({"deadline": (datetime.date.today() + datetime.timedelta(days=400)).isoformat()}, "一年以内"),
    ({"deadline": "明天"}, "请按 2026-06-30 的格式"),
    ({"openings": "0"}, "招聘人数至少为 1 人"),
    ({"region": ""}, "请选择工作地区"),
    ({"title": ""}, "请填写职位名称"),
    ({"description": "<script>alert(1)</script>"}, "职位描述不能为空"),
    ({"contact_email": "not-an-email"}, "联系邮箱：“not-an-email”不是有效的电子邮箱"),
])
def test_form_rejects_bad_input(overrides, message):
    form = JobForm(form_data(**overrides))
    assert not form.is_valid()
    assert message in str(form.errors)


def test_description_is_sanitised_and_the_user_told(client, employer):
    client.force_login(employer.user)
    dirty = ('<p onclick="steal()">职位介绍<img src=x onerror="alert(1)"></p><script>alert(1)</script>'
             '<a href="javascript:alert(1)">链接</a><a href="https://example.com/">官网</a>')
    response = client.post(reverse("company:job_add"), form_data(description=dirty), follow=True)
    job = Job.objects.get(employer=employer)
    for bad in ("onclick", "onerror", "<script", "javascript:", "<img"):
        assert bad not in job.description
    assert "职位介绍" in job.description and "https://example.com/" in job.description
    assert "不安全内容已被自动移除" in response.content.decode()


def test_employer_edit_of_approved_post_via_portal(client, employer):
    job = JobFactory(employer=employer, approved=True, title="原职位")
    client.force_login(employer.user)
    data = form_data(title="改后的职位")
    response = client.post(reverse("company:job_edit", args=[job.pk]), data, follow=True)
    assert "等待学校复审" in response.content.decode()
    job.refresh_from_db()
    assert job.title == "原职位" and job.status == JobStatus.RE_REVIEW
    # the form shows the unit its pending values
    assert "改后的职位" in client.get(reverse("company:job_edit", args=[job.pk])).content.decode()


def test_employer_close_and_repost_via_portal(client, employer):
    job = JobFactory(employer=employer, approved=True, deadline=timezone.localdate() + datetime.timedelta(days=2))
    client.force_login(employer.user)
    client.post(reverse("company:job_close", args=[job.pk]))
    job.refresh_from_db()
    assert job.closed_at
    client.post(reverse("company:job_repost", args=[job.pk]), {"deadline": ""})
    job.refresh_from_db()
    assert job.closed_at is None


# -- bounded queries -----------------------------------------------------------------------------------------------

def count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx)


def test_query_counts_do_not_grow_with_rows(client, reviewer):
    urls = [(reverse("recruitment:job_list"), {"per_page": 200}, True),
            (reverse("site:job_list"), {}, False), (reverse("site:job_list"), {"q": "工程师", "salary": "8-12"}, False)]
    JobFactory(approved=True)
    before = {}
    for url, params, admin in urls:
        client.force_login(reviewer) if admin else client.logout()
        count(client, url, params)
        before[(url, str(params))] = count(client, url, params)
    for i in range(15):
        JobFactory(approved=True, region=code("region", "110108"), education=code("education_level", "31"))
    for url, params, admin in urls:
        client.force_login(reviewer) if admin else client.logout()
        after = count(client, url, params)
        assert after == before[(url, str(params))], url
        assert after <= 15


def test_demo_posts_are_varied_and_idempotent(db):
    import random

    from careers.recruitment.jobs import demo as demo_jobs

    for _ in range(12):
        EmployerFactory(admitted=True)
    EmployerFactory()  # not admitted: its posts stay 待审核
    demo_jobs.seed(random.Random(1), [2027])
    count = Job.objects.count()
    planned = demo_jobs.plan(list(Employer.objects.select_related("industry__parent").order_by("pk")))
    assert count == len(planned) + len(demo_jobs.LOGIN_POSTS)  # + the demo login's home variants
    login = Employer.objects.admitted().order_by("pk").first()
    assert Job.objects.with_status(JobStatus.APPROVED).filter(
        employer=login, deadline__lte=timezone.localdate() + datetime.timedelta(days=7)).exists()
    statuses = {job.status for job in Job.objects.all()}
    assert statuses == set(JobStatus.values)
    assert Job.objects.published().count() >= 20
    demo_jobs.seed(random.Random(2), [2027])
    assert Job.objects.count() == count


def test_market_counters(employer):
    from careers.reports import market

    JobFactory(employer=employer, approved=True, openings=3, region=code("region", "420111"))
    JobFactory(employer=employer, approved=True, openings=5, region=code("region", "110108"))
    JobFactory(employer=employer, openings=7)  # not approved
    JobFactory(employer=EmployerFactory(), approved=True, openings=11)  # unit not admitted
    figures = {f.key: f for f in market.figures(market.Period())}
    assert figures["jobs"].value == 2 and figures["positions"].value == 8
    assert market.REGISTRY["positions"].count(market.Period(), "region") == {"北京市": 5, "湖北省": 3}
    assert market.REGISTRY["jobs"].count(market.Period(), "industry") == {"信息传输、软件和信息技术服务业": 2}
