"""学生中心 › 派遣信息: the student's own record, the report round trip, and 功能时间设置 windows."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from careers.employment.dispatch import actions
from careers.employment.windows.actions import save_window
from careers.employment.models import ReportingWindow
from careers.employment.windows.state import window_state
from tests.employment.dispatch_support import (  # noqa: F401
    authorities,
    authority,
    initialised,
    record_of,
    region,
    student_login,
)

pytestmark = pytest.mark.django_db
URL = "/me/dispatch/"
DISPATCH = ReportingWindow.Function.DISPATCH


def window(year, opens, closes):
    now = timezone.now()
    return ReportingWindow.objects.create(graduation_year=year, function=DISPATCH, opens_at=now + opens,
                                          closes_at=now + closes)


def report_data(**values):
    """The report form: 派遣到就业单位 in 广州市 天河区."""
    tianhe = region("440106")
    data = {"kind": "employer", "receiving_unit": "广州星辰科技有限公司", "receiving_region": tianhe.pk,
            "supervising_authority": authority("广州市人力资源和社会保障局").pk,
            "report_address": "广州市天河区科韵路16号", "report_postal_code": "510665", "archive_unit": "",
            "archive_address": "", "archive_postal_code": "", "hukou_address": "", "note": ""}
    data.update(values)
    return data


@pytest.fixture
def me(org, initialised, student_login):
    student = org["students"]["a1"]
    student_login(student)
    return student


def test_url_and_home_link(client, me):
    assert reverse("employment_portal:dispatch") == URL
    assert URL in client.get(reverse("portal:home")).content.decode()


def test_page_shows_the_approved_record_and_the_form(client, me):
    body = client.get(URL).content.decode()
    assert "广州市人力资源和社会保障局" in body and "广东省 广州市 天河区" in body
    assert "尚未填报" in body and 'id="dispatch-report"' in body
    assert "一字不差" in body  # exactly as on the 接收函


def test_report_round_trip_waits_for_review_then_applies(client, me, school_admin):
    response = client.post(URL, report_data())
    assert response.status_code == 302
    record = record_of(me)
    assert record.review_status == "pending" and record.kind == "origin"  # approved values unchanged
    assert record.pending_changes["receiving_unit"] == "广州星辰科技有限公司"
    assert "receiving_region" not in record.pending_changes  # same district as before: not a change
    body = client.get(URL).content.decode()
    assert "待审核" in body and "广州星辰科技有限公司" in body
    actions.approve(record, acting_user=school_admin)
    body = client.get(URL).content.decode()
    assert "派遣信息已审核" in body and "派遣到就业单位" in body
    record.refresh_from_db()
    assert record.kind == "employer" and record.report_postal_code == "510665"


def test_rejected_report_shows_the_reason(client, me, school_admin):
    client.post(URL, report_data())
    actions.reject(record_of(me), reason="请按接收函填写单位全称", acting_user=school_admin)
    body = client.get(URL).content.decode()
    assert "未通过审核" in body and "请按接收函填写单位全称" in body


def test_resubmitting_the_approved_values_withdraws_the_report(client, me):
    client.post(URL, report_data())
    record = record_of(me)
    assert record.review_status == "pending"
    same = report_data(kind="origin", receiving_unit=record.receiving_unit, report_address="", report_postal_code="")
    client.post(URL, same)
    record.refresh_from_db()
    assert record.review_status == "empty" and record.pending_changes == {}


def test_report_validation_messages(client, me):
    response = client.post(URL, report_data(receiving_unit=" ", report_postal_code="5106",
                                            receiving_region=region("440100").pk))
    assert response.status_code == 400
    body = response.content.decode()
    assert "报到证签往单位：派遣类别为“派遣到就业单位”时必须填写" in body
    assert "报到地邮编：“5106”不是有效的邮政编码" in body
    assert "签往单位所在地请选到区/县" in body
    assert record_of(me).review_status == "empty"


def test_not_dispatched_needs_no_receiving_unit(client, me):
    response = client.post(URL, report_data(kind="none", receiving_unit="", receiving_region="",
                                            supervising_authority="", note="考研"))
    assert response.status_code == 302
    assert record_of(me).pending_changes["kind"] == "none"


def test_the_receiving_region_is_the_region_type_ahead(client, me):
    body = client.get(URL).content.decode()
    assert 'id="id_receiving_region"' in body and 'data-typeahead="/codes/regions/options/?t=3&amp;leaf=1"' in body


def test_authority_type_ahead_for_students(client, me):
    url = reverse("employment_portal:dispatch_authorities")
    assert "两个字以上" in client.get(url, {"q": "广"}).content.decode()
    body = client.get(url, {"authority_q": "广州"}).content.decode()
    assert "广州市人力资源和社会保障局" in body and "data-pick-authority" in body


def test_only_students_and_only_their_own_record(client, org, initialised, school_admin, student_login):
    client.force_login(school_admin)
    assert client.get(URL).status_code == 403
    student_login(org["students"]["b1"])
    client.post(URL, report_data())
    assert record_of(org["students"]["b1"]).review_status == "pending"
    assert record_of(org["students"]["a1"]).review_status == "empty"


# -- 功能时间设置 --------------------------------------------------------------------------------------

def test_window_state_before_during_after():
    assert window_state(DISPATCH, 2027).is_open  # no row: open
    w = window(2027, timedelta(days=2), timedelta(days=30))
    state = window_state(DISPATCH, 2027)
    assert not state.is_open and "将于" in state.message and "开放" in state.message
    assert window_state(DISPATCH, 2027, now=w.opens_at + timedelta(hours=1)).is_open
    after = window_state(DISPATCH, 2027, now=w.closes_at + timedelta(minutes=1))
    assert not after.is_open and "已于" in after.message and "截止" in after.message
    assert window_state(ReportingWindow.Function.EMPLOYMENT, 2027).is_open  # the other function


def test_outside_the_window_the_form_is_hidden_and_the_page_says_when(client, me):
    window(me.graduation_year, timedelta(days=3), timedelta(days=10))
    body = client.get(URL).content.decode()
    assert 'id="dispatch-report"' not in body and "将于" in body and "开放" in body
    response = client.post(URL, report_data(), follow=True)
    assert "将于" in response.content.decode()
    assert record_of(me).review_status == "empty"


def test_after_the_window_a_report_is_refused(client, me):
    window(me.graduation_year, timedelta(days=-30), timedelta(days=-1))
    body = client.get(URL).content.decode()
    assert "已于" in body and "截止" in body and 'id="dispatch-report"' not in body
    with pytest.raises(ValidationError) as exc:
        actions.submit_report(record_of(me), {"note": "x"}, student_user=me.user)
    assert "截止" in exc.value.messages[0]


def test_inside_the_window_the_page_shows_the_deadline(client, me):
    window(me.graduation_year, timedelta(days=-1), timedelta(days=5))
    body = client.get(URL).content.decode()
    assert 'id="dispatch-report"' in body and "填报截止时间" in body


WINDOWS = "/employment/windows/"


def test_window_settings_page_for_school_admins(client, school_admin):
    client.force_login(school_admin)
    add = reverse("employment:reportingwindow_add")
    page = client.get(WINDOWS).content.decode()
    # The shared list page: 新增 (behind the change permission), the intro, the htmx table block.
    assert f'href="{add}"' in page and "未设置的毕业年份默认开放" in page and 'id="table-block"' in page
    data = {"graduation_year": 2027, "function": "dispatch", "opens_at": "2027-03-01T09:00",
            "closes_at": "2027-02-01T09:00"}
    assert "结束时间必须晚于开始时间" in client.post(add, data).content.decode()
    data["closes_at"] = "2027-07-31T18:00"
    assert client.post(add, data).status_code == 302
    saved = ReportingWindow.objects.get()
    assert timezone.localtime(saved.opens_at).hour == 9
    assert "已设置" in client.post(add, data).content.decode()  # one window per year and function
    from careers.core.models import OperationLog

    assert OperationLog.objects.filter(object_type="employment.reportingwindow", user=school_admin).exists()
    body = client.get(WINDOWS).content.decode()
    assert "填报派遣信息" in body and any(state in body for state in ("未开始", "开放中", "已截止"))
    client.post(reverse("employment:reportingwindow_delete", kwargs={"pk": saved.pk}))
    assert not ReportingWindow.objects.exists()


def test_college_admins_cannot_set_windows(client, college_admin):
    client.force_login(college_admin)
    assert not college_admin.has_permission("employment.reportingwindow.change")
    assert client.get(reverse("employment:reportingwindow_add")).status_code == 403
    with pytest.raises(PermissionDenied):
        save_window(None, acting_user=college_admin)
