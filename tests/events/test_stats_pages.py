"""统计 pages, exports, the list column mixins and the market counters."""

import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.core.tables import BaseTable
from careers.events.models import Fair, Registration, Talk
from careers.events.stats.tables import FairStatsColumns, TalkStatsColumns
from careers.reports import market
from tests.factories import FairFactory, StudentFactory, TalkFactory, UserFactory

from . import test_stats_figures

pytestmark = pytest.mark.django_db
fair_world, talk_world = test_stats_figures.fair_world, test_stats_figures.talk_world  # shared fixtures


class FairStatsTable(FairStatsColumns, BaseTable):
    class Meta(BaseTable.Meta):
        model = Fair
        fields = ("pk", "title", *FairStatsColumns.STAT_COLUMNS)


class TalkStatsTable(TalkStatsColumns, BaseTable):
    class Meta(BaseTable.Meta):
        model = Talk
        fields = ("pk", "title", *TalkStatsColumns.STAT_COLUMNS)


def test_fair_stats_page_shows_figures_and_chart_data(client, school_admin, fair_world):
    client.force_login(school_admin)
    response = client.get(reverse("events:fair_stats", args=[fair_world["fair"].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="registrations"' in body and "66.7%" in body and "800.00" in body
    assert 'id="stats-data"' in body and "echarts.min.js" in body and "data-scoped" not in body


def test_college_admin_page_says_it_is_scoped(client, college_admin, fair_world):
    client.force_login(college_admin)
    body = client.get(reverse("events:fair_stats", args=[fair_world["fair"].pk])).content.decode()
    assert "data-scoped" in body and "仅统计您管辖专业的学生" in body
    assert "乙学院" not in body


def test_stats_need_the_permission(client, fair_world, talk_world):
    user = UserFactory(username="nostats", permissions=["events.fair.view"])
    client.force_login(user)
    assert client.get(reverse("events:fair_stats", args=[fair_world["fair"].pk])).status_code == 403
    assert client.get(reverse("events:talk_stats_export", args=[talk_world.pk])).status_code == 403


def test_xlsx_export_has_the_figures_and_is_logged(client, school_admin, fair_world):
    from careers.core.models import OperationLog

    client.force_login(school_admin)
    response = client.get(reverse("events:fair_stats_export", args=[fair_world["fair"].pk]))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "报名人数" in sheet and "按学院" in sheet and "签到率" in sheet
    assert OperationLog.objects.filter(action="export", module="events").exists()


def test_talk_stats_page(client, school_admin, talk_world):
    client.force_login(school_admin)
    body = client.get(reverse("events:talk_stats", args=[talk_world.pk])).content.decode()
    assert "50.0%" in body and 'data-figure="checkins"' in body


def test_fair_list_columns_are_live_and_bounded(client, fair_world, school_admin, college_admin):
    table = FairStatsTable(Fair.objects.order_by("pk"), user=school_admin)
    row = table.rows[0]
    assert row.get_cell_value("stat_registrations") == 3
    assert str(row.get_cell_value("stat_paid")) == "800.00"
    scoped = FairStatsTable(Fair.objects.order_by("pk"), user=college_admin)
    assert scoped.rows[0].get_cell_value("stat_registrations") == 2
    for _ in range(5):
        FairFactory()
    with CaptureQueriesContext(connection) as ctx:
        table = FairStatsTable(Fair.objects.order_by("pk"), user=school_admin)
        cells = [row.get_cell("stat_deliveries") for row in table.rows]
    assert len(cells) == 7 and len(ctx) == 1
    assert f'/events/fairs/{fair_world["fair"].pk}/stats/">2</a>' in cells[0]


def test_talk_list_columns(talk_world, school_admin):
    row = TalkStatsTable(Talk.objects.all(), user=school_admin).rows[0]
    assert row.get_cell_value("stat_registrations") == 4
    assert row.get_cell_value("stat_checkin_rate") == "50.0%"
    assert reverse("events:talk_stats", args=[talk_world.pk]) in row.get_cell("stat_checkin_rate")


def test_list_export_view_with_the_figures(fair_world, school_admin):
    from careers.core.views.exports import ExportView
    from careers.events.stats.exports import FairStatsExportView
    from careers.events.fairs.views import FairListView

    class Listing(FairListView):
        table = FairStatsTable

    view = FairStatsExportView.of(Listing)
    assert issubclass(view, ExportView)
    rows = list(view.filtered_queryset(school_admin, ""))
    fair = next(r for r in rows if r.pk == fair_world["fair"].pk)
    assert fair.stat_registrations == 3


def test_market_counters_for_talks_and_fairs(org, school_admin):
    today = timezone.localdate()
    TalkFactory(approved=True, starts_at=timezone.now() + datetime.timedelta(days=1))
    TalkFactory(starts_at=timezone.now() + datetime.timedelta(days=1))  # pending: not counted
    TalkFactory(approved=True, starts_at=timezone.now() - datetime.timedelta(days=40))
    FairFactory(starts_at=timezone.now() + datetime.timedelta(days=2))
    FairFactory(status="cancelled")
    period = market.Period(today, today + datetime.timedelta(days=7), school_admin)
    figures = {f.key: f for f in market.figures(period)}
    assert figures["talks"].value == 1 and figures["fairs"].value == 1
    assert market.figures(market.Period(user=school_admin), "industry")[0] is not None
    grouped = dict(market.REGISTRY["talks"].count(market.Period(user=school_admin), "industry"))
    assert sum(grouped.values()) == 2


def test_reminders_page_and_button(client, school_admin, org):
    from careers.accounts.models import User

    talk = TalkFactory(approved=True, starts_at=timezone.now() + datetime.timedelta(days=1))
    # "tomorrow" in local time: put it at 10:00 tomorrow to be sure
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    talk.starts_at = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10)))
    talk.ends_at = talk.starts_at + datetime.timedelta(hours=2)
    talk.save()
    student = StudentFactory(major=org["majors"]["a1"], user=UserFactory(username="remindme", kind=User.Kind.STUDENT))
    Registration.objects.create(talk=talk, student=student)
    client.force_login(school_admin)
    body = client.get(reverse("events:reminders")).content.decode()
    assert talk.title in body and "data-send-reminders" in body
    response = client.post(reverse("events:reminders"), follow=True)
    assert "已发送" in response.content.decode()
    assert Registration.objects.get(talk=talk).reminded_at is not None
    response = client.post(reverse("events:reminders"), follow=True)
    assert "没有需要发送的提醒" in response.content.decode()


def test_college_admin_cannot_send_reminders(client, college_admin):
    client.force_login(college_admin)
    assert client.get(reverse("events:reminders")).status_code == 200
    response = client.post(reverse("events:reminders"), follow=True)
    assert "只有校级管理员可以发送" in response.content.decode()
