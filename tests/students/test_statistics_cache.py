"""数据统计 without 运行 clicks: every item loads itself on the page, from a cache keyed by the admin's data
scope and the year; 刷新 recomputes; the page's year is the report's own (?year=), never the session's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.students import statistics as stats
from careers.students.records import stats_cache
from tests.factories import StudentFactory
from tests.students.review_support import college_b_admin  # noqa: F401
from tests.students.test_statistics import table_rows

pytestmark = pytest.mark.django_db

YEAR = 2027  # the factories' graduation year
PAGE = reverse("students:statistics")


def run(client, key, **params):
    response = client.get(reverse("students:statistics_run", args=[key]), {"year": YEAR, **params})
    assert response.status_code == 200
    return response


def grouped(ctx):
    return [q for q in ctx.captured_queries if "GROUP BY" in q["sql"]]


def test_page_loads_every_item_at_once_without_run_buttons(client, school_admin, org, django_assert_max_num_queries):
    client.force_login(school_admin)
    with django_assert_max_num_queries(15):  # the items are not computed by the page itself
        body = client.get(PAGE, {"year": YEAR}).content.decode()
    assert "运行" not in body and "点击“运行”" not in body
    for item in stats.REGISTRY.values():
        url = reverse("students:statistics_run", args=[item.key])
        assert f'hx-get="{url}?year={YEAR}" hx-trigger="load"' in body
    assert body.count("data-stat-refresh") == len(stats.REGISTRY)
    everything = client.get(PAGE, {"year": YEAR, "refresh": "1"}).content.decode()  # 全部刷新
    assert everything.count(f"?year={YEAR}&amp;refresh=1\" hx-trigger=\"load\"") == len(stats.REGISTRY)


def test_a_result_is_computed_once_then_read_from_the_cache(client, school_admin, org,
                                                             django_assert_max_num_queries):
    client.force_login(school_admin)
    first = run(client, "by_college")
    assert first["X-Statistics-Cache"] == "miss"
    with CaptureQueriesContext(connection) as ctx:
        again = run(client, "by_college")
    assert again["X-Statistics-Cache"] == "hit" and again.content == first.content
    assert not grouped(ctx) and len(ctx.captured_queries) <= 3  # session and user only


def test_refresh_recomputes_and_stores_the_new_figures(client, school_admin, org):
    client.force_login(school_admin)
    before, total = table_rows(run(client, "by_college").content.decode())
    StudentFactory(major=org["majors"]["a1"])
    assert table_rows(run(client, "by_college").content.decode())[1] == total  # cached: the old figure
    with CaptureQueriesContext(connection) as ctx:
        fresh = run(client, "by_college", refresh="1")
    assert fresh["X-Statistics-Cache"] == "miss" and len(grouped(ctx)) == 1
    assert table_rows(fresh.content.decode())[1] == total + 1
    assert table_rows(run(client, "by_college").content.decode())[1] == total + 1  # the cache now holds it


def test_two_scopes_never_share_a_cached_result(client, org, college_admin, college_b_admin,  # noqa: F811
                                               school_admin):
    StudentFactory(major=org["majors"]["a1"])  # college A: 3 students, college B: 2
    counts = {}
    for user in (college_admin, college_b_admin, school_admin):
        client.force_login(user)
        run(client, "by_college")  # fill the cache for this scope
        with CaptureQueriesContext(connection) as ctx:
            rows, total = table_rows(run(client, "by_college").content.decode())
        assert not grouped(ctx)  # from the cache
        counts[user.username] = (rows, total)
    assert counts["college1"] == ({"甲学院": 3}, 3)
    assert counts["college2"] == ({"乙学院": 2}, 2)
    assert counts["school1"][1] == 5
    keys = {stats_cache.key(u, "by_college", YEAR) for u in (college_admin, college_b_admin, school_admin)}
    assert len(keys) == 3


def test_the_same_scope_shares_the_cache(org, college_admin, all_permissions):
    from tests.factories import UserFactory

    twin = UserFactory(username="college1b")
    twin.set_permissions(all_permissions)
    twin.save()
    twin.managed_majors.set([org["majors"]["a2"], org["majors"]["a1"]])
    assert stats_cache.key(twin, "by_gender", YEAR) == stats_cache.key(college_admin, "by_gender", YEAR)


def test_report_year_is_this_page_only_and_leaves_the_operating_year(client, school_admin, org):
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = YEAR + 1
    session.save()
    body = client.get(PAGE, {"year": YEAR}).content.decode()
    assert f'<option value="{YEAR}" selected>' in body and f"当前操作年份仍为 {YEAR + 1} 届" in body
    assert table_rows(run(client, "by_college").content.decode())[1] == 4  # ?year=2027: the fixture's students
    assert client.session["operating_year"] == YEAR + 1
    nothing = client.get(reverse("students:statistics_run", args=["by_college"])).content.decode()
    assert "data-empty" in nothing  # no ?year=: the operating year (2028), which has no students
    assert client.get(PAGE, {"year": "1999"}).context["year"] == YEAR + 1  # not offered: the operating year
    assert client.session["operating_year"] == YEAR + 1


def test_rates_year_leaves_the_operating_year(client, school_admin, org):
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = YEAR + 1
    session.save()
    response = client.get(reverse("reports:rates"), {"year": YEAR})
    assert response.status_code == 200 and response.context["form"].cleaned_data["year"] == YEAR
    assert client.session["operating_year"] == YEAR + 1


def test_navbar_offers_the_reports_years(client, school_admin):
    from careers.core.report_year import year_choices

    client.force_login(school_admin)
    response = client.get(reverse("core:home"))
    year = response.context["operating_year"]
    assert response.context["operating_year_choices"] == year_choices(year)
    assert f'<option value="{year - 7}"' in response.content.decode()  # seven behind, as every report
