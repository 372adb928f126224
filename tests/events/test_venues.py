"""场地管理: add/edit with field messages, 停用/启用 (all or nothing), import (hypothesis on the parsers),
the venue calendar with conflicts highlighted, permissions."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from careers.events.venues.importers import parse_capacity, parse_flag
from careers.events.models import Venue
from tests.events.talks_support import at
from tests.factories import FairFactory, TalkFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_add_and_edit_venue(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("events:venue_add"), {"name": " 学术  报告厅 ", "capacity": "300",
                                                         "address": "图书馆", "is_active": "on"})
    assert response.status_code == 302
    venue = Venue.objects.get(name="学术 报告厅")
    response = client.post(reverse("events:venue_add"), {"name": "学术 报告厅", "capacity": "0"})
    body = response.content.decode()
    assert "已有同名场地" in body and "容纳人数至少为 1 人" in body
    client.post(reverse("events:venue_edit", args=[venue.pk]), {"name": "学术报告厅", "capacity": "280",
                                                                 "is_active": "on"})
    venue.refresh_from_db()
    assert venue.capacity == 280


def test_activate_and_deactivate(client, school_admin):
    a, b = VenueFactory(), VenueFactory()
    client.force_login(school_admin)
    client.post(reverse("events:venue_activate"), {"pk": [a.pk, b.pk], "active": "0"})
    assert not Venue.objects.filter(is_active=True).exists()
    client.post(reverse("events:venue_activate"), {"pk": [a.pk, 999999], "active": "1"})  # all or nothing
    assert not Venue.objects.filter(is_active=True).exists()


def test_stopped_venue_not_offered_to_units(client):
    from tests.factories import EmployerFactory

    VenueFactory(name="停用的教室", is_active=False)
    VenueFactory(name="开放的教室")
    client.force_login(EmployerFactory(admitted=True).user)
    body = client.get(reverse("company_events:talk_apply")).content.decode()
    assert "开放的教室" in body and "停用的教室" not in body


def run_import(client, text):
    response = client.post(reverse("core:import_start", args=["events.venue"]),
                           {"file": SimpleUploadedFile("venues.csv", text.encode("utf-8-sig"))})
    assert response.status_code == 302, response.content.decode()[:2000]
    token = re.search(r"/([0-9a-f]{32})/", response["Location"]).group(1)
    mapping = {"name": "场地名称", "capacity": "容纳人数", "address": "地址", "is_placeholder": "待定场地"}
    report = client.get(client.post(reverse("core:import_mapping", args=["events.venue", token]), mapping)["Location"])
    done = client.post(reverse("core:import_commit", args=["events.venue", token]))
    return report.content.decode(), done


def test_import_creates_updates_and_reports_errors(client, school_admin):
    VenueFactory(name="报告厅一", capacity=100, address="旧址")
    client.force_login(school_admin)
    report, _ = run_import(client, "场地名称,容纳人数,地址,待定场地\n报告厅一,120人,新址,否\n"
                                   "待定（100人）,100,,是\n坏行,很多,,也许\n")
    assert "很多" in report and "容纳人数" in report and "待定场地" in report
    assert not Venue.objects.filter(name="坏行").exists()  # the bad row is reported, never written
    venue = Venue.objects.get(name="报告厅一")
    assert (venue.capacity, venue.address) == (120, "新址")
    assert Venue.objects.get(name="待定（100人）").is_placeholder
    run_import(client, "场地名称,容纳人数,地址,待定场地\n报告厅一,120人,新址,否\n待定（100人）,100,,是\n")
    assert Venue.objects.count() == 2  # importing again never duplicates


def test_import_needs_permission(client):
    user = UserFactory(username="venueviewer", permissions=["events.venue.view"])
    client.force_login(user)
    response = client.post(reverse("core:import_start", args=["events.venue"]),
                           {"file": SimpleUploadedFile("v.csv", "场地名称,容纳人数\nA,1\n".encode())})
    assert response.status_code == 403


@given(st.integers(min_value=1, max_value=100_000), st.sampled_from(["", "人", " 人", ".0"]))
def test_parse_capacity_accepts_whole_numbers(number, suffix):
    assert parse_capacity(f"{number}{suffix}") == number


@given(st.text(max_size=8))
def test_parse_capacity_never_crashes_and_bounds(text):
    value = parse_capacity(text)
    assert value is None or 1 <= value <= 100_000


@given(st.text(max_size=5))
def test_parse_flag_is_yes_no_or_none(text):
    assert parse_flag(text) in (True, False, None)


def test_calendar_marks_conflicts(client, school_admin):
    room = VenueFactory(name="冲突教室")
    a = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16), title="先申请")
    b = FairFactory(venue=room, starts_at=at(7, 15), ends_at=at(7, 17), title="同时段招聘会")
    ok = TalkFactory(venue=room, starts_at=at(7, 17), ends_at=at(7, 18), title="紧接着")
    TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16), title="已取消的", status="cancelled")
    client.force_login(school_admin)
    body = client.get(reverse("events:venue_calendar"), {"week": at(7, 0).date().isoformat()}).content.decode()
    assert "先申请" in body and "同时段招聘会" in body and "紧接着" in body and "已取消的" not in body
    conflicted = set(re.findall(r'conflict" data-booking="([a-z]+-\d+)"', body))
    assert conflicted == {f"talk-{a.pk}", f"fair-{b.pk}"}
    assert f"talk-{ok.pk}" not in conflicted
    body = client.get(reverse("events:venue_calendar"), {"venue": VenueFactory().pk,
                                                         "week": at(7, 0).date().isoformat()}).content.decode()
    assert "先申请" not in body


def test_venue_permissions(client):
    venue = VenueFactory()
    viewer = UserFactory(username="venueviewer2", permissions=["events.venue.view"])
    client.force_login(viewer)
    assert client.get(reverse("events:venue_list")).status_code == 200
    assert client.get(reverse("events:venue_calendar")).status_code == 200
    assert client.get(reverse("events:venue_add")).status_code == 403
    assert client.post(reverse("events:venue_edit", args=[venue.pk]), {"name": "x", "capacity": 1}).status_code == 403
    client.post(reverse("events:venue_activate"), {"pk": [venue.pk], "active": "0"})
    assert Venue.objects.get(pk=venue.pk).is_active
