"""check_in(): the rules (window, registration, method, state), idempotency and concurrent scans."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from careers.events.checkin import actions as rules
from careers.events.models import CheckIn, Participation
from tests.events.checkin_support import (  # noqa: F401 - fixtures
    _restore_code_tables_after_module,
    code_tables,
    fair_now,
    registered,
    talk_now,
)
from tests.factories import ParticipationFactory, StudentFactory, TalkFactory

pytestmark = pytest.mark.django_db
QR = CheckIn.Method.QR


def test_first_scan_checks_in_and_second_says_already_with_time():
    talk = talk_now()
    student = registered(talk)
    checkin, created = rules.check_in(talk, student, method=QR)
    assert created and checkin.talk == talk
    again, created = rules.check_in(talk, student, method=CheckIn.Method.DEVICE)
    assert not created and again.pk == checkin.pk
    assert rules.already_message(again) == f"已签到 {timezone.localtime(checkin.checked_in_at):%H:%M}"
    assert CheckIn.objects.count() == 1


def test_registration_required_refuses_unregistered_student():
    talk = talk_now(registration_required=True)
    with pytest.raises(rules.CheckinRefused) as exc:
        rules.check_in(talk, StudentFactory(), method=QR)
    assert exc.value.status == "not_registered" and exc.value.text == "签到需要先报名"
    assert not CheckIn.objects.exists()


def test_without_registration_requirement_anyone_may_check_in():
    talk = talk_now(registration_required=False)
    _, created = rules.check_in(talk, StudentFactory(), method=QR)
    assert created


@pytest.mark.parametrize("offset, ok", [
    (datetime.timedelta(hours=-2, minutes=-1), False),  # more than 2 h before the start
    (datetime.timedelta(hours=-2), True),  # exactly when the window opens
    (datetime.timedelta(hours=2), True),  # at the end
    (datetime.timedelta(hours=2, seconds=1), False),  # after the end
])
def test_day_window_edges(offset, ok):
    start = timezone.now() + datetime.timedelta(days=1)
    talk = TalkFactory(approved=True, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    student = registered(talk)
    if ok:
        assert rules.check_in(talk, student, method=QR, at=start + offset)[1]
    else:
        with pytest.raises(rules.CheckinRefused) as exc:
            rules.check_in(talk, student, method=QR, at=start + offset)
        assert exc.value.status == "not_allowed" and "签到时间" in exc.value.text


@pytest.mark.parametrize("status", ["pending", "rejected", "cancelled"])
def test_talk_not_approved_refuses(status):
    talk = talk_now(approved=False, status=status)
    with pytest.raises(rules.CheckinRefused) as exc:
        rules.check_in(talk, registered(talk), method=QR)
    assert exc.value.status == "not_allowed"


@pytest.mark.parametrize("fair_method, method, ok", [
    ("device", CheckIn.Method.QR, False), ("device", CheckIn.Method.DEVICE, True),
    ("qr", CheckIn.Method.DEVICE, False), ("qr", CheckIn.Method.OFFLINE, False), ("qr", CheckIn.Method.QR, True),
    ("both", CheckIn.Method.QR, True), ("both", CheckIn.Method.DEVICE, True),
])
def test_fair_checkin_method_a_b(fair_method, method, ok):
    fair = fair_now(checkin_method=fair_method)
    student = registered(fair)
    if ok:
        assert rules.check_in(fair, student, method=method)[1]
    else:
        with pytest.raises(rules.CheckinRefused, match="本场招聘会不使用"):
            rules.check_in(fair, student, method=method)


def test_admin_makeup_skips_registration_and_may_come_after_the_end(school_admin):
    start = timezone.now() - datetime.timedelta(days=1)
    talk = TalkFactory(approved=True, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    checkin, created = rules.check_in(talk, StudentFactory(), method=CheckIn.Method.ADMIN, by=school_admin)
    assert created and checkin.method == "admin"
    from careers.core.models import OperationLog
    assert OperationLog.objects.filter(module="签到", object_id=str(checkin.pk), message__contains="补签").exists()


def test_find_student_by_number_and_id_number_any_case():
    body = "11010519990307123"
    id_number = body + ric.calc_check_digit(body + "?")
    if id_number[-1] != "X":  # make sure the X case is exercised
        body = "11010519990307002"
        id_number = body + ric.calc_check_digit(body + "?")
    student = StudentFactory(student_number="2023000123", id_number=id_number)
    assert rules.find_student("2023000123") == student
    assert rules.find_student(f"  {id_number}  ") == student
    assert rules.find_student(id_number.lower()) == student
    assert rules.find_student(id_number[:-1] + ("0" if id_number[-1] != "0" else "1")) is None  # wrong check digit
    assert rules.find_student("") is None and rules.find_student("nobody") is None


@given(st.text(alphabet="0123456789Xx ", max_size=20))
def test_looks_like_id_number_only_for_valid_check_digits(code):
    code = rules.normalise_code(code)
    if rules.looks_like_id_number(code):
        assert len(code) == 18 and ric.is_valid(code)


@given(st.dates(min_value=datetime.date(1960, 1, 1), max_value=datetime.date(2010, 12, 31)),
       st.integers(min_value=0, max_value=999))
def test_every_valid_id_number_is_recognised_and_a_wrong_check_digit_never(birth, serial):
    body = f"110105{birth:%Y%m%d}{serial:03d}"
    number = body + ric.calc_check_digit(body + "?")
    assert rules.looks_like_id_number(rules.normalise_code(f" {number.lower()} "))
    assert not rules.looks_like_id_number(body + ("0" if number[-1] != "0" else "1"))


def test_unit_check_in_confirmed_only_and_once():
    fair = fair_now()
    pending = ParticipationFactory(fair=fair)
    with pytest.raises(rules.CheckinRefused, match="已确认的参会单位"):
        rules.unit_check_in(fair, pending.employer)
    confirmed = ParticipationFactory(fair=fair, confirmed=True)
    p, created = rules.unit_check_in(fair, confirmed.employer)
    first = p.checked_in_at
    assert created and first
    p, created = rules.unit_check_in(fair, confirmed.employer)
    assert not created and p.checked_in_at == first
    assert Participation.objects.get(pk=pending.pk).checked_in_at is None


def test_unit_check_in_needs_the_operation():
    fair = fair_now(employer_operations=["apply"])
    with pytest.raises(rules.CheckinRefused, match="未开放单位扫码签到"):
        rules.unit_check_in(fair, ParticipationFactory(fair=fair, confirmed=True).employer)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_of_the_same_student_create_one_checkin(code_tables):
    talk = talk_now()
    student = registered(talk)
    from tests.concurrency import run_concurrently

    results = run_concurrently(lambda: rules.check_in(talk, student, method=CheckIn.Method.DEVICE)[1], 8)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert results.count(True) == 1 and len(results) == 8
    assert CheckIn.objects.filter(talk=talk, student=student).count() == 1


def test_token_round_trip_and_failures(settings):
    talk = talk_now()
    other = talk_now()
    token = rules.student_token(talk)
    assert rules.read_token(token, rules.STUDENT_SALT, kind="talk", pk=talk.pk)["pk"] == talk.pk
    with pytest.raises(rules.TokenError) as exc:
        rules.read_token(token, rules.STUDENT_SALT, kind="talk", pk=other.pk)
    assert not exc.value.expired and "不符" in str(exc.value)
    with pytest.raises(rules.TokenError):
        rules.read_token(token, rules.UNIT_SALT, kind="talk", pk=talk.pk)  # a unit QR is not a student QR
    with pytest.raises(rules.TokenError):
        rules.read_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), rules.STUDENT_SALT, kind="talk",
                         pk=talk.pk)
    talk.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    talk.starts_at = talk.ends_at - datetime.timedelta(hours=1)
    expired = rules.student_token(talk)
    with pytest.raises(rules.TokenError) as exc:
        rules.read_token(expired, rules.STUDENT_SALT, kind="talk", pk=talk.pk)
    assert exc.value.expired


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_offline_batch_uploaded_twice_at_once_adds_one_of_each(code_tables):
    from careers.events.checkin.devices import hot_rows, scan_batch
    from careers.events.models import DeviceScan
    from tests.events.checkin_support import device

    hot_rows.clear()
    talk = talk_now()
    scanner = device()
    students = [registered(talk) for _ in range(20)]
    at = timezone.now() - datetime.timedelta(minutes=5)
    items = [{"scan_id": f"b{i}", "code": s.student_number, "scanned_at": at} for i, s in enumerate(students)]
    from tests.concurrency import run_concurrently

    answers = run_concurrently(lambda: scan_batch(scanner, talk, items), 2)
    assert not [a for a in answers if isinstance(a, BaseException)]
    assert CheckIn.objects.filter(talk=talk).count() == 20
    assert DeviceScan.objects.filter(device=scanner).count() == 20
    # whichever upload kept a scan first, the other one got that stored answer back
    for first, second in zip(*answers):
        assert first.status == second.status and first.status in ("checked_in", "already")
        assert first.replayed or second.replayed
