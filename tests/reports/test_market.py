"""就业市场信息统计: the counter registry, the built-in counters and the page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.core.registry import Registry
from careers.core.review import ReviewStatus
from careers.reports import market
from careers.resumes.models import Resume
from tests.factories import UserFactory, code

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """A private copy of the registry, so a test's counters never leak into others."""
    copy = Registry("market counter")
    for key, counter in market.REGISTRY.items():
        copy.register(key, counter)
    monkeypatch.setattr(market, "REGISTRY", copy)
    return copy


def by_key(figures):
    return {f.key: f for f in figures}


def test_registry_lists_every_apps_counters(registry):
    figures = by_key(market.figures(market.Period()))
    assert {"employers", "placed_employers", "resumes"} <= set(figures)
    assert figures["applications"].value == 0  # registered by recruitment/applications/hooks.py
    for key in ("talks", "fairs"):  # registered by events/stats/hooks.py (issue 6)
        assert figures[key].value == 0
    assert figures["jobs"].value == 0 and figures["positions"].value == 0  # registered by recruitment/jobs/hooks.py
    assert figures["employers"].value == 0


def test_a_registered_counter_gets_the_period_and_its_grouping(registry):
    seen = []

    def count_jobs(period, by=""):
        seen.append((period.start, by))
        return {"制造业": 3, "教育": 5} if by == "industry" else 8

    market.register(market.Counter("interns", "实习岗位", count_jobs, groupings=("industry",)))
    start = datetime.date(2026, 9, 1)
    figures = by_key(market.figures(market.Period(start), "industry"))
    assert figures["interns"].value == 8 and figures["interns"].groups == [("教育", 5), ("制造业", 3)]
    assert seen == [(start, ""), (start, "industry")]
    keys = [f.key for f in market.figures(market.Period())]
    assert keys[-1] == "interns"  # in registration order
    # a grouping the counter does not offer: the total only
    assert by_key(market.figures(market.Period(), "region"))["interns"].groups is None


def test_period_filters_dates_and_datetimes_inclusively():
    june = market.Period(datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
    user = UserFactory(username="emp-june", kind=User.Kind.EMPLOYER)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.make_aware(datetime.datetime(2026, 6, 30, 23, 59)))
    assert june.on(User.objects.filter(pk=user.pk), "date_joined").exists()
    assert not market.Period(end=datetime.date(2026, 6, 29)).on(User.objects.filter(pk=user.pk), "date_joined").exists()
    assert market.Period().label == "全部时间"


def test_employer_accounts_by_date_joined(db):
    old = UserFactory(username="emp-old", kind=User.Kind.EMPLOYER)
    UserFactory(username="emp-new", kind=User.Kind.EMPLOYER)
    UserFactory(username="not-an-employer", kind=User.Kind.COLLEGE_ADMIN)
    User.objects.filter(pk=old.pk).update(date_joined=timezone.now() - datetime.timedelta(days=400))
    assert market.count_employer_accounts(market.Period()) == 2
    recent = market.Period(timezone.localdate() - datetime.timedelta(days=30))
    assert market.count_employer_accounts(recent) == 1


def test_placed_employers_are_distinct_approved_and_scoped(school_admin, college_admin, outcomes):
    students = outcomes["students"]
    # 单位1 (no credit code) twice and a pending record naming another employer
    same = students[2].employment
    same.employer_name, same.employer_nature = "单位1", code("employer_nature", "31")
    same.employer_industry, same.employer_region = code("industry", "64"), code("region", "440300")
    same.placed_on = datetime.date(2026, 7, 1)
    same.save()
    pending = students[4].employment
    pending.employer_name = "未审核单位"
    pending.save()
    assert pending.review_status == ReviewStatus.PENDING
    period = market.Period(user=school_admin)
    assert market.count_placed_employers(period) == 3  # 单位1 (twice), 单位5, 单位7; not the pending one
    assert market.count_placed_employers(period, "industry") == {
        "信息传输、软件和信息技术服务业": 2, "（未填写）": 1}
    assert market.count_placed_employers(period, "region") == {"广东省": 1, "北京市": 1, "（未填写）": 1}
    assert market.count_placed_employers(market.Period(user=college_admin)) == 2  # 甲学院: 单位1, 单位5
    july = market.Period(datetime.date(2026, 7, 1), datetime.date(2026, 7, 31), school_admin)
    assert market.count_placed_employers(july) == 1


def test_resumes_are_scoped(school_admin, college_admin, org):
    Resume.objects.create(student=org["students"]["a1"], title="甲院简历", expected_industry=code("industry", "65"))
    Resume.objects.create(student=org["students"]["b1"], title="乙院简历")
    assert market.count_resumes(market.Period(user=school_admin)) == 2
    assert market.count_resumes(market.Period(user=college_admin)) == 1
    assert market.count_resumes(market.Period(user=school_admin), "industry") == {
        "信息传输、软件和信息技术服务业": 1, "（未填写）": 1}


def test_page(client, school_admin, outcomes):
    client.force_login(school_admin)
    body = client.get(reverse("reports:market")).content.decode()
    assert "就业市场信息统计" in body
    assert 'data-figure="talks"' in body and 'data-figure="fairs"' in body  # every planned figure is live now
    assert 'data-figure="employers"' in body and 'data-figure="jobs"' in body
    body = client.get(reverse("reports:market"), {"by": "industry"}).content.decode()
    assert "按行业" in body and 'id="market-table-placed_employers"' in body
    assert "该项目不支持按行业统计" in body  # employer accounts have no industry yet


def test_page_explains_bad_input(client, school_admin):
    client.force_login(school_admin)
    body = client.get(reverse("reports:market"), {"start": "2026-09-01", "end": "2026-08-01"}).content.decode()
    assert "开始日期不能晚于结束日期" in body
    body = client.get(reverse("reports:market"), {"start": "2026-02-30"}).content.decode()
    assert "开始日期格式不正确" in body


def test_page_needs_permission(client, college_admin):
    college_admin.set_permissions(["reports.rates.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert client.get(reverse("reports:market")).status_code == 403
