"""The device API: token auth, every status, replay-safe offline batches, malformed payloads."""

import datetime
import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careers.events.models import CheckIn, CheckinDevice, DeviceScan
from tests.events.checkin_support import (
    TOKEN,
    auth,
    device,
    fair_now,
    registered,
    talk_now,
)
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def url(event, batch=False):
    return f"/api/checkin/events/{event._meta.model_name}/{event.pk}/scans" + ("/batch" if batch else "")


def post(client, path, body, token=TOKEN):
    headers = auth(token) if token else {}
    return client.post(path, data=json.dumps(body) if not isinstance(body, str) else body,
                       content_type="application/json", **headers)


@pytest.fixture(autouse=True)
def fresh_hot_rows():
    from careers.events.checkin.devices import hot_rows

    hot_rows.clear()
    yield
    hot_rows.clear()


@pytest.fixture
def scanner():
    return device()


@pytest.mark.parametrize("token, message", [(None, "缺少设备令牌"), ("wrong-token", "设备令牌无效")])
def test_missing_or_unknown_token_is_401_in_chinese(client, scanner, token, message):
    talk = talk_now()
    response = post(client, url(talk), {"code": "x"}, token=token)
    assert response.status_code == 401
    assert message in response.json()["detail"]


def test_disabled_device_is_401(client, scanner):
    CheckinDevice.objects.filter(pk=scanner.pk).update(is_active=False)
    response = post(client, url(talk_now()), {"code": "x"})
    assert response.status_code == 401 and "已停用" in response.json()["detail"]


def test_scan_checks_in_then_says_already(client, scanner):
    talk = talk_now()
    student = registered(talk, major__name="软件工程")
    first = post(client, url(talk), {"code": student.student_number})
    assert first.status_code == 200
    body = first.json()
    assert body["status"] == "checked_in" and body["message"] == "签到成功"
    assert body["student"] == {"name": student.name, "student_number": student.student_number,
                               "college": student.major.college.name, "major": "软件工程"}
    second = post(client, url(talk), {"code": student.id_number}).json()
    checkin = CheckIn.objects.get()
    assert second["status"] == "already"
    assert second["message"] == f"已签到 {timezone.localtime(checkin.checked_in_at):%H:%M}"
    assert checkin.method == "device" and checkin.device == scanner
    scanner.refresh_from_db()
    assert scanner.last_seen_at is not None


def test_not_registered_unknown_and_not_allowed(client, scanner):
    talk = talk_now()
    stranger = StudentFactory()
    body = post(client, url(talk), {"code": stranger.student_number}).json()
    assert body["status"] == "not_registered" and body["message"] == "签到需要先报名"
    assert body["student"] is None  # not registered: the answer names nobody (issue 12)
    body = post(client, url(talk), {"code": "NO-SUCH-CODE"}).json()
    assert body["status"] == "unknown_code" and body["message"] == "未找到该学号或身份证号" and body["student"] is None
    fair = fair_now(checkin_method="qr")
    body = post(client, url(fair), {"code": registered(fair).student_number}).json()
    assert body["status"] == "not_allowed" and "不使用扫码设备" in body["message"]
    assert not CheckIn.objects.exists()


def test_unknown_event_is_404(client, scanner):
    response = post(client, "/api/checkin/events/talk/999999/scans", {"code": "1"})
    assert response.status_code == 404 and "未找到" in response.json()["detail"]
    assert post(client, "/api/checkin/events/party/1/scans", {"code": "1"}).status_code == 422


@pytest.mark.parametrize("body, fragment", [
    ({}, "扫描内容 code：缺少该字段"),
    ({"code": ""}, "扫描内容 code：不能为空"),
    ({"code": "1", "scanned_at": "yesterday"}, "扫描时间 scanned_at：时间格式不正确"),
    ({"code": "x" * 65}, "过长"),
    ("{not json", "请求数据格式不正确"),
])
def test_malformed_payload_is_422_in_chinese(client, scanner, body, fragment):
    response = post(client, url(talk_now()), body)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


def test_single_scan_with_scan_id_is_replay_safe(client, scanner):
    talk = talk_now()
    student = registered(talk)
    first = post(client, url(talk), {"code": student.student_number, "scan_id": "s-1"}).json()
    again = post(client, url(talk), {"code": student.student_number, "scan_id": "s-1"}).json()
    assert first["status"] == again["status"] == "checked_in"
    assert again["replayed"] and not first["replayed"]
    assert CheckIn.objects.count() == 1 and DeviceScan.objects.count() == 1


def test_offline_batch_replayed_adds_nothing_and_returns_the_same_answers(client, scanner):
    talk = talk_now()
    students = [registered(talk) for _ in range(3)]
    stranger = StudentFactory()
    at = (timezone.now() - datetime.timedelta(minutes=10)).isoformat()
    scans = [{"scan_id": f"q{i}", "code": s.student_number, "scanned_at": at} for i, s in enumerate(students)]
    scans += [{"scan_id": "q3", "code": students[0].student_number, "scanned_at": at},  # scanned twice offline
              {"scan_id": "q4", "code": stranger.student_number, "scanned_at": at},
              {"scan_id": "q5", "code": "???", "scanned_at": at}]
    first = post(client, url(talk, batch=True), {"scans": scans})
    assert first.status_code == 200
    body = first.json()
    assert [r["status"] for r in body["results"]] == ["checked_in"] * 3 + ["already", "not_registered",
                                                                           "unknown_code"]
    assert body["counts"] == {"checked_in": 3, "already": 1, "not_registered": 1, "unknown_code": 1}
    checkin = CheckIn.objects.get(student=students[0])
    assert checkin.method == "offline"
    assert abs((checkin.checked_in_at - datetime.datetime.fromisoformat(at)).total_seconds()) < 1  # the device's time
    replay = post(client, url(talk, batch=True), {"scans": scans}).json()
    assert [r["status"] for r in replay["results"]] == [r["status"] for r in body["results"]]
    assert [r["message"] for r in replay["results"]] == [r["message"] for r in body["results"]]
    assert all(r["replayed"] for r in replay["results"])
    assert CheckIn.objects.count() == 3 and DeviceScan.objects.count() == 6


def test_batch_refuses_future_and_far_outside_items_individually(client, scanner):
    talk = talk_now()
    a, b, c = (registered(talk) for _ in range(3))
    now = timezone.now()
    scans = [{"scan_id": "f1", "code": a.student_number, "scanned_at": (now + datetime.timedelta(hours=1)).isoformat()},
             {"scan_id": "f2", "code": b.student_number, "scanned_at": (now - datetime.timedelta(days=3)).isoformat()},
             {"scan_id": "f3", "code": c.student_number, "scanned_at": now.isoformat()}]
    body = post(client, url(talk, batch=True), {"scans": scans}).json()
    assert [r["status"] for r in body["results"]] == ["not_allowed", "not_allowed", "checked_in"]
    assert "校准设备时钟" in body["results"][0]["message"]
    assert "签到尚未开始" in body["results"][1]["message"]
    assert list(CheckIn.objects.values_list("student", flat=True)) == [c.pk]


def test_naive_scan_time_is_beijing_time(client, scanner):
    talk = talk_now()
    student = registered(talk)
    local = timezone.localtime(timezone.now() - datetime.timedelta(minutes=5)).replace(tzinfo=None, microsecond=0)
    post(client, url(talk, batch=True), {"scans": [{"scan_id": "n1", "code": student.student_number,
                                                    "scanned_at": local.isoformat()}]})
    assert timezone.localtime(CheckIn.objects.get().checked_in_at).replace(tzinfo=None) == local


@pytest.mark.parametrize("body, fragment", [
    ({"scans": []}, "至少需要 1 条"),
    ({"scans": [{"scan_id": "1", "code": "1"}]}, "第 1 条的扫描时间 scanned_at：缺少该字段"),
    ({"scans": "abc"}, "应为数组"),
])
def test_malformed_batch_is_422(client, scanner, body, fragment):
    response = post(client, url(talk_now(), batch=True), body)
    assert response.status_code == 422 and fragment in response.json()["detail"]


def test_batch_over_1000_is_422(client, scanner):
    now = timezone.now().isoformat()
    body = {"scans": [{"scan_id": str(i), "code": "1", "scanned_at": now} for i in range(1001)]}
    response = post(client, url(talk_now(), batch=True), body)
    assert response.status_code == 422 and "最多 1000 条" in response.json()["detail"]


def test_rate_limit_per_device(client, scanner, settings):
    from django.core.cache import cache

    cache.clear()
    settings.EVENTS_CHECKIN_DEVICE_RATE = (3, 60)
    talk = talk_now()
    codes = [post(client, url(talk), {"code": "x"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = device(token="another-device")
    assert post(client, url(talk), {"code": "x"}, token="another-device").status_code == 200
    assert other.pk
    cache.clear()


def test_openapi_docs_are_published(client):
    assert client.get("/api/checkin/docs").status_code == 200
    schema = client.get("/api/checkin/openapi.json").json()
    assert "/api/checkin/events/{kind}/{id}/scans/batch" in schema["paths"]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
                    max_leaves=8)
SCAN_LIKE = st.fixed_dictionaries({}, optional={"code": JSON, "scan_id": JSON, "scanned_at": JSON})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(JSON, SCAN_LIKE, st.fixed_dictionaries({"scans": st.lists(SCAN_LIKE | JSON, max_size=3)})),
       batch=st.booleans())
def test_any_payload_gets_an_answer_never_a_server_error(client, scanner, body, batch):
    talk = talk_now()
    response = post(client, url(talk, batch=batch), body)
    assert response.status_code in (200, 422, 429)
    if response.status_code == 422:
        assert "请求数据格式不正确" in response.json()["detail"]


def test_disabling_a_device_applies_once_the_memo_expires(client, scanner, settings):
    from careers.events.checkin.devices import hot_rows

    talk = talk_now()
    assert post(client, url(talk), {"code": "x"}).status_code == 200
    CheckinDevice.objects.filter(pk=scanner.pk).update(is_active=False)
    assert post(client, url(talk), {"code": "x"}).status_code == 200  # memoised for a few seconds
    hot_rows.clear()  # what EVENTS_CHECKIN_CACHE_SECONDS later looks like
    assert post(client, url(talk), {"code": "x"}).status_code == 401
    settings.EVENTS_CHECKIN_CACHE_SECONDS = 0
    CheckinDevice.objects.filter(pk=scanner.pk).update(is_active=True)
    assert post(client, url(talk), {"code": "x"}).status_code == 200


def test_cancelled_talk_is_not_allowed(client, scanner):
    talk = talk_now(status="cancelled")
    body = post(client, url(talk), {"code": registered(talk).student_number}).json()
    assert body["status"] == "not_allowed" and "已取消" in body["message"]
