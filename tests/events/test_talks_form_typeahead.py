"""学校发布 / 修改宣讲会: the 用人单位 dropdown of every admitted unit is a bounded type-ahead (core.typeahead),
the page renders in bounded queries, the endpoint offers admitted units only, and a POST still validates
the chosen unit against every admitted one."""

import html
import re

import pytest
from django.urls import reverse

from careers.events.talks.forms import SchoolTalkForm
from careers.events.models import Talk
from tests.events.talks_support import at, local_input
from tests.factories import EmployerFactory, TalkFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db, monkeypatch):
    """Three admitted units, one waiting for review and one whose account is off; the form's limit is 1 so
    that the list counts as large."""
    monkeypatch.setattr(SchoolTalkForm, "typeahead_limit", 1)
    admitted = [EmployerFactory(admitted=True, name=f"入驻科技有限公司{i}") for i in range(3)]
    waiting = EmployerFactory(name="待审核科技有限公司")
    off = EmployerFactory(admitted=True, name="停用科技有限公司")
    off.user.is_active = False
    off.user.save()
    return {"admitted": admitted, "waiting": waiting, "off": off}


def post_data(room, employer="", **extra):
    return {"employer": employer, "organiser": "", "title": "春季宣讲会", "starts_at": local_input(at(5, 19)),
            "ends_at": local_input(at(5, 21)), "venue": room.pk, "audience": "", "description": "内容",
            "contact_person": "", "contact_phone": "", "registration_opens_at": "", "registration_closes_at": "",
            "capacity": "", "registration_required": "on", "checkin_passphrase": "", **extra}


def endpoint(body):
    match = re.search(r'<div class="typeahead" data-typeahead="([^"]+)"><select name="employer"', body)
    assert match, "用人单位 is no type-ahead"
    path, token = html.unescape(match.group(1)).split("?t=")
    return path, token


def test_add_page_renders_the_unit_type_ahead_in_bounded_queries(client, school_admin, units,
                                                                 django_assert_max_num_queries):
    VenueFactory()
    client.force_login(school_admin)
    client.get(reverse("events:talk_add"))
    with django_assert_max_num_queries(12):
        body = client.get(reverse("events:talk_add")).content.decode()
    assert "入驻科技有限公司" not in body  # no unit is listed: only the empty choice in the hidden select
    assert '<label class="form-label" for="id_employer">用人单位</label>' in body
    # the label names the search box, which the help text describes
    assert re.search(r'<input type="search" aria-describedby="id_employer_helptext" id="id_employer"', body)
    path, token = endpoint(body)
    found = client.get(path, {"t": token, "q": "科技"}).json()["results"]
    assert {r["text"] for r in found} == {u.name for u in units["admitted"]}  # not waiting, not switched off


def test_edit_page_keeps_the_units_name_and_saves_unchanged(client, school_admin, units):
    room = VenueFactory()
    unit = units["admitted"][1]
    talk = TalkFactory(employer=unit, venue=room, approved=True, starts_at=at(9, 14), ends_at=at(9, 16))
    client.force_login(school_admin)
    body = client.get(reverse("events:talk_edit", args=[talk.pk])).content.decode()
    assert f'<option value="{unit.pk}" selected>{unit.name}</option>' in body
    assert f'value="{unit.name}"' in body  # the search box shows the chosen unit
    assert units["admitted"][0].name not in body and units["admitted"][2].name not in body  # only the chosen one
    data = post_data(room, employer=unit.pk, title=talk.title, starts_at=local_input(talk.starts_at),
                     ends_at=local_input(talk.ends_at))
    response = client.post(reverse("events:talk_edit", args=[talk.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    talk.refresh_from_db()
    assert talk.employer == unit


@pytest.mark.parametrize("which", ["waiting", "off"])
def test_a_unit_that_is_not_admitted_is_refused(client, school_admin, units, which):
    room = VenueFactory()
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_add"), post_data(room, employer=units[which].pk))
    assert response.status_code == 200 and "所选单位不存在或尚未入驻。" in response.content.decode()
    assert not Talk.objects.exists()


def test_an_admitted_unit_is_accepted(client, school_admin, units):
    room = VenueFactory()
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_add"), post_data(room, employer=units["admitted"][2].pk))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Talk.objects.get().employer == units["admitted"][2]
