"""就业 items of the 数据统计 registry: each runs (chart + copyable table) with the fixture's exact figures."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.students import statistics as stats

from .conftest import YEAR

pytestmark = pytest.mark.django_db

ITEMS = ["rates_by_college", "rates_by_major", "by_destination_category", "by_destination", "regional_flow",
         "by_employer_nature", "by_employer_industry"]


@pytest.fixture
def admin_client(client, school_admin):
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = YEAR
    session.save()
    return client


def run(client, key, **params):
    params.setdefault("refresh", "1")  # the figures computed now, not the 5-minute cache (tests/students/test_statistics_cache.py)
    response = client.get(reverse("students:statistics_run", args=[key]), params)
    assert response.status_code == 200
    return response.content.decode()


def rows(body):
    """{label: [cells]} of the result table body."""
    tbody = body.split("<tbody>")[1].split("</tbody>")[0]
    return {cells[0]: cells[1:] for cells in (re.findall(r"<td>([^<]*)</td>", tr) for tr in tbody.split("</tr>"))
            if cells}


def chart(body):
    return json.loads(re.search(r'<script id="chart-data-[^"]+" type="application/json">(.*?)</script>', body,
                                re.S).group(1))


def test_items_are_registered_and_listed(admin_client, outcomes):
    assert set(ITEMS) <= set(stats.REGISTRY)
    body = admin_client.get(reverse("students:statistics")).content.decode()
    for key in ITEMS:
        assert stats.REGISTRY[key].title in body


def test_items_need_the_rates_permission(client, college_admin, outcomes):
    college_admin.set_permissions(["students.statistics.view"])
    college_admin.save()
    client.force_login(college_admin)
    body = client.get(reverse("students:statistics")).content.decode()
    assert "就业率 · 按学院" not in body and "生源 · 按学院" in body
    assert client.get(reverse("students:statistics_run", args=["rates_by_college"])).status_code == 404


def test_rates_by_college(admin_client, outcomes):
    body = run(admin_client, "rates_by_college")
    assert rows(body) == {"甲学院": ["7", "4", "57.1%", "5", "71.4%", "80.0%", "58.3%"],
                          "乙学院": ["5", "3", "60.0%", "4", "80.0%", "75.0%", "41.7%"]}
    assert "<th>合计</th><th>12</th><th>7</th><th>58.3%</th><th>9</th><th>75.0%</th><th>77.8%</th>" in body
    data = chart(body)
    assert data["series"][0]["name"] == "毕业去向落实率（%）"
    assert dict(zip(data["categories"], data["series"][0]["data"])) == {"甲学院": 57.1, "乙学院": 60.0}
    assert "复制表格" in body


def test_rates_by_major(admin_client, outcomes):
    table = rows(run(admin_client, "rates_by_major"))
    assert table["乙学院 · 本科生 · 乙专业二"][:6] == ["1", "1", "100.0%", "1", "100.0%", "100.0%"]
    assert table["甲学院 · 硕士研究生 · 甲硕士专业"][:6] == ["1", "1", "100.0%", "1", "100.0%", "100.0%"]


def test_rates_items_are_scoped(client, college_admin, outcomes):
    client.force_login(college_admin)
    session = client.session
    session["operating_year"] = YEAR
    session.save()
    assert rows(run(client, "rates_by_college")) == {"甲学院": ["6", "3", "50.0%", "4", "66.7%", "75.0%", "100.0%"]}
    assert "乙学院" not in run(client, "regional_flow")


def test_destination_breakdowns(admin_client, outcomes):
    table = {label: cells[0] for label, cells in rows(run(admin_client, "by_destination_category")).items()}
    assert table == {"协议和合同就业": "3", "升学": "2", "自主创业": "1", "灵活就业": "1", "未就业": "2", "无已审核的毕业去向": "3"}
    table = {label: cells[0] for label, cells in rows(run(admin_client, "by_destination")).items()}
    assert table == {"签就业协议形式就业": "1", "应征义务兵": "1", "三支一扶": "1", "自主创业": "1", "待就业": "1",
                     "不就业拟升学": "1", "境内升学": "1", "境外留学": "1", "其他录用形式就业": "1", "无已审核的毕业去向": "3"}
    split = rows(run(admin_client, "by_destination_category", split="college"))
    assert set(split) == {"甲学院", "乙学院"}


def test_regional_flow_is_a_cross_table(admin_client, outcomes):
    body = run(admin_client, "regional_flow")
    table = rows(body)
    header = re.findall(r"<th>([^<]*)</th>", body.split("<thead>")[1].split("</thead>")[0])
    assert header[0] == "生源地 \\ 单位所在地" and header[-1] == "合计"
    flow = {origin: dict(zip(header[1:-1], cells[:-1])) for origin, cells in table.items()}
    assert flow == {"北京市": {"（未填写）": "1", "广东省": "1", "北京市": "0"},
                    "江苏省": {"（未填写）": "0", "广东省": "0", "北京市": "1"},
                    "广东省": {"（未填写）": "2", "广东省": "0", "北京市": "0"}}


def test_employer_nature_and_industry(admin_client, outcomes):
    natures = {label: cells[0] for label, cells in rows(run(admin_client, "by_employer_nature")).items()}
    assert natures == {"国有企业": "1", "部队": "1", "其他企业": "1", "（未填写）": "2"}
    industries = {label: cells[0] for label, cells in rows(run(admin_client, "by_employer_industry")).items()}
    assert industries == {"信息传输、软件和信息技术服务业": "2", "（未填写）": "3"}


@pytest.mark.parametrize("key", ITEMS)
def test_every_item_is_one_grouped_query(admin_client, outcomes, key):
    run(admin_client, key)
    with CaptureQueriesContext(connection) as ctx:
        run(admin_client, key)
    assert len([q for q in ctx.captured_queries if "GROUP BY" in q["sql"]]) == 1
