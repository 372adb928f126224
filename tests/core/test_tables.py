"""Shared table behaviour: an empty list says so instead of showing a bare header row."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["recruitment:matchrun_list", "recruitment:accountappeal_list",
                                  "employment:reportingwindow_list"])
def test_an_empty_list_says_there_is_nothing(client, school_admin, name):
    client.force_login(school_admin)
    html = client.get(reverse(name)).content.decode()
    assert "没有符合条件的记录" in html


def test_a_table_keeps_its_own_empty_text(client, school_admin):
    from careers.core.views.messages import MessageDeliveryTable

    assert MessageDeliveryTable([]).empty_text == "没有符合条件的投递记录"


def test_date_columns_compile_their_template_once():
    """tables2's DateTimeColumn compiled its template for every cell (careers/core/tables.py)."""
    import datetime

    import django_tables2 as tables
    from django.utils import timezone

    from careers.core.tables import compiled_template

    class Dated(tables.Table):
        when = tables.DateTimeColumn(format="Y-m-d H:i")

    at = timezone.make_aware(datetime.datetime(2027, 6, 1, 9, 30))
    before = compiled_template.cache_info()
    rows = [{"when": at} for _ in range(20)]
    cells = [row.get_cell("when") for row in Dated(rows).rows]
    after = compiled_template.cache_info()
    assert set(cells) == {"2027-06-01 09:30"}
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 19


def test_a_filtered_empty_list_offers_to_see_everything(client, school_admin):
    client.force_login(school_admin)
    url = reverse("org:college_list")
    html = client.get(url + "?q=没有这个学院&page=1").content.decode()
    assert "data-empty-state" in html and "可调整查询条件" in html
    assert f'<a href="{url}">查看全部</a>' in html


def test_an_unfiltered_empty_list_shows_the_views_hint(client, school_admin, monkeypatch):
    from careers.core.views.generic import ObjectListView

    monkeypatch.setattr(ObjectListView, "empty_hint", "运行一次职位智能匹配后，结果会出现在这里。")
    client.force_login(school_admin)
    html = client.get(reverse("recruitment:matchrun_list") + "?sort=pk").content.decode()
    assert "没有符合条件的记录" in html and "可调整查询条件" not in html
    assert "运行一次职位智能匹配后，结果会出现在这里。" in html


def test_the_empty_state_offers_the_views_actions():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    table = SimpleNamespace(columns=[1, 2], empty_text="暂无专业", filtered=False, empty_hint="",
                            empty_actions=[("新增", "/org/majors/add/"), ("导入", "/imports/majors/")])
    html = render_to_string("core/includes/empty_state.html", {"table": table})
    assert 'colspan="2"' in html and "暂无专业" in html
    assert 'href="/org/majors/add/">新增</a>' in html and 'href="/imports/majors/">导入</a>' in html
