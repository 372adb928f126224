"""宣讲会 back office: review states (同意 with settings and venue change, 不同意 with reason), conflicts,
学校发布, 修改, 取消 (students told), list/export, permissions."""

import pytest
from django.urls import reverse

from careers.core.models import Message
from careers.core.models import OperationLog
from careers.events.talks import actions
from careers.events.models import Registration, Talk
from tests.events.talks_support import at, local_input, student_account
from tests.factories import EmployerFactory, FairFactory, TalkFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placeholder(db):
    return VenueFactory(name="待定（100人）", capacity=100, is_placeholder=True)


@pytest.fixture
def room(db):
    return VenueFactory(name="学术报告厅一", capacity=300)


def approve_data(venue, **extra):
    return {"_action": "approve", "venue": venue.pk, "registration_opens_at": "", "registration_closes_at": "",
            "capacity": "", "registration_required": "on", "checkin_passphrase": "", **extra}


def test_review_page_shows_application_and_conflicts(client, school_admin, room):
    talk = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16), title="甲公司宣讲会")
    other = TalkFactory(venue=room, starts_at=at(7, 15), ends_at=at(7, 17), title="乙公司宣讲会", approved=True)
    client.force_login(school_admin)
    body = client.get(reverse("events:talk_detail", args=[talk.pk])).content.decode()
    assert 'id="conflicts"' in body and "乙公司宣讲会" in body
    assert reverse("events:talk_detail", args=[other.pk]) in body  # a link to the other booking
    assert 'id="day-calendar"' in body and 'id="approve-form"' in body


def test_approve_moves_placeholder_to_room_and_sets_registration(client, school_admin, placeholder, room):
    talk = TalkFactory(venue=placeholder, starts_at=at(7, 14), ends_at=at(7, 16))
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_detail", args=[talk.pk]), approve_data(
        room, capacity="120", registration_opens_at=local_input(at(1, 8)),
        registration_closes_at=local_input(at(7, 12)), checkin_passphrase="青春"))
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == "approved" and talk.venue == room and talk.capacity == 120
    assert talk.registration_closes_at == at(7, 12) and talk.checkin_passphrase == "青春"
    assert talk.reviewed_by == school_admin
    assert OperationLog.objects.filter(object_type="events.talk", object_id=str(talk.pk)).exists()
    assert Message.objects.filter(subject__contains="已审核通过").exists()  # the unit is told


def test_approve_refused_when_room_taken_by_approved_talk(client, school_admin, placeholder, room):
    TalkFactory(venue=room, starts_at=at(7, 15), ends_at=at(7, 17), approved=True, title="先到的宣讲会")
    talk = TalkFactory(venue=placeholder, starts_at=at(7, 14), ends_at=at(7, 16))
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_detail", args=[talk.pk]), approve_data(room))
    assert response.status_code == 400
    assert "已被占用" in response.content.decode() and "先到的宣讲会" in response.content.decode()
    talk.refresh_from_db()
    assert talk.status == "pending" and talk.venue == placeholder


def test_approve_refused_when_room_taken_by_published_fair(school_admin, room):
    FairFactory(venue=room, starts_at=at(7, 9), ends_at=at(7, 17))
    talk = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    with pytest.raises(Exception) as exc:
        actions.approve_talk(talk, acting_user=school_admin)
    assert "已被占用" in str(exc.value)


def test_pending_conflict_is_only_a_warning(school_admin, room):
    TalkFactory(venue=room, starts_at=at(7, 15), ends_at=at(7, 17))  # another application, not approved
    talk = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    assert actions.approve_talk(talk, acting_user=school_admin).status == "approved"


def test_settings_validated_with_field_messages(client, school_admin, room):
    talk = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_detail", args=[talk.pk]), approve_data(
        room, capacity="500", registration_closes_at=local_input(at(8, 9))))
    body = response.content.decode()
    assert response.status_code == 400
    assert "不能超过场地“学术报告厅一”的容纳人数（300）" in body
    assert "报名截止时间不能晚于宣讲会结束时间" in body
    assert Talk.objects.get(pk=talk.pk).status == "pending"


def test_reject_needs_reason_and_unit_sees_it(client, school_admin, room):
    talk = TalkFactory(venue=room)
    client.force_login(school_admin)
    url = reverse("events:talk_detail", args=[talk.pk])
    response = client.post(url, {"_action": "reject", "reason": ""})
    assert response.status_code == 400 and "请填写不同意的原因" in response.content.decode()
    client.post(url, {"_action": "reject", "reason": "时间与期中考试冲突"})
    talk.refresh_from_db()
    assert talk.status == "rejected" and talk.review_note == "时间与期中考试冲突"
    client.force_login(talk.employer.user)
    body = client.get(reverse("company_events:talk_detail", args=[talk.pk])).content.decode()
    assert "时间与期中考试冲突" in body


@pytest.mark.parametrize("status", ["approved", "rejected", "cancelled"])
def test_only_pending_talks_can_be_reviewed(school_admin, status, room):
    talk = TalkFactory(venue=room, status=status)
    with pytest.raises(Exception, match="不能审核"):
        actions.approve_talk(talk, acting_user=school_admin)
    with pytest.raises(Exception, match="不能审核"):
        actions.reject_talk(talk, reason="x", acting_user=school_admin)


def test_cancel_notifies_registered_students(client, school_admin, room, org):
    talk = TalkFactory(venue=room, approved=True, title="将取消的宣讲会")
    students = [student_account(org["majors"]["a1"]), student_account(org["majors"]["b1"])]
    for s in students:
        Registration.objects.create(talk=talk, student=s)
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_detail", args=[talk.pk]), {"_action": "cancel", "reason": "场地维修"})
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.status == "cancelled" and talk.review_note == "场地维修"
    message = Message.objects.get(subject="宣讲会“将取消的宣讲会”已取消", body__contains="您报名的")
    assert set(message.deliveries.values_list("recipient_id", flat=True)) == {s.user_id for s in students}
    assert "场地维修" in message.body


def test_school_publishes_talk_directly(client, school_admin, room):
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_add"), {
        "employer": "", "organiser": "学生就业指导中心", "title": "考研与就业分享会", "starts_at": local_input(at(5, 19)),
        "ends_at": local_input(at(5, 21)), "venue": room.pk, "audience": "全体学生", "description": "经验分享",
        "contact_person": "", "contact_phone": "", "registration_opens_at": "", "registration_closes_at": "",
        "capacity": "100", "registration_required": "on", "checkin_passphrase": ""})
    assert response.status_code == 302, response.content.decode()[-3000:]
    talk = Talk.objects.get(title="考研与就业分享会")
    assert talk.status == "approved" and talk.employer is None and talk.host_name == "学生就业指导中心"
    assert talk.description == "<p>经验分享</p>"


def test_school_publish_needs_unit_or_organiser(client, school_admin, room):
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_add"), {
        "title": "x", "starts_at": local_input(at(5, 19)), "ends_at": local_input(at(5, 18)), "venue": room.pk,
        "description": "x"})
    body = response.content.decode()
    assert "请填写举办单位" in body and "结束时间必须晚于开始时间" in body
    assert not Talk.objects.exists()


def test_school_edit_of_approved_talk_checks_conflicts(client, school_admin, room):
    FairFactory(venue=room, starts_at=at(9, 9), ends_at=at(9, 17), title="大型双选会")
    talk = TalkFactory(venue=VenueFactory(), approved=True, starts_at=at(9, 14), ends_at=at(9, 16))
    client.force_login(school_admin)
    data = {"employer": talk.employer.pk, "organiser": "", "title": talk.title,
            "starts_at": local_input(talk.starts_at), "ends_at": local_input(talk.ends_at), "venue": room.pk,
            "audience": "", "description": "内容", "capacity": "", "registration_required": "on"}
    response = client.post(reverse("events:talk_edit", args=[talk.pk]), data)
    assert "大型双选会" in response.content.decode()
    talk.refresh_from_db()
    assert talk.venue != room


def test_list_counts_registrations_scoped_and_links_to_list(client, college_admin, school_admin, org, room):
    talk = TalkFactory(venue=room, approved=True, title="计数宣讲会")
    Registration.objects.create(talk=talk, student=student_account(org["majors"]["a1"]))
    Registration.objects.create(talk=talk, student=student_account(org["majors"]["b1"]))
    client.force_login(school_admin)
    body = client.get(reverse("events:talk_list")).content.decode()
    assert f'data-registrations="{talk.pk}">2<' in body
    assert reverse("events:talk_registration_list") + f"?talk={talk.pk}" in body
    client.force_login(college_admin)
    body = client.get(reverse("events:talk_list")).content.decode()
    assert f'data-registrations="{talk.pk}">1<' in body


def test_list_filters(client, school_admin, room):
    TalkFactory(venue=room, title="甲等待", starts_at=at(3, 9), ends_at=at(3, 10))
    TalkFactory(venue=room, title="乙已审核", approved=True, starts_at=at(20, 9), ends_at=at(20, 10))
    client.force_login(school_admin)
    body = client.get(reverse("events:talk_list"), {"status": "pending"}).content.decode()
    assert "甲等待" in body and "乙已审核" not in body
    day = at(20, 9).date().isoformat()
    body = client.get(reverse("events:talk_list"), {"date_from": day}).content.decode()
    assert "乙已审核" in body and "甲等待" not in body


def test_registration_list_scoped_by_major_and_export(client, college_admin, org, room):
    talk = TalkFactory(venue=room, approved=True)
    inside, outside = student_account(org["majors"]["a1"]), student_account(org["majors"]["b1"])
    for s in (inside, outside):
        Registration.objects.create(talk=talk, student=s)
    client.force_login(college_admin)
    body = client.get(reverse("events:talk_registration_list"), {"talk": talk.pk}).content.decode()
    assert inside.student_number in body and outside.student_number not in body
    response = client.post(reverse("events:talk_registration_export") + f"?talk={talk.pk}", {
        "format": "csv", "fields_chosen": ["student_number", "name", "major"]})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert inside.student_number in content and outside.student_number not in content


def test_talk_export(client, school_admin, room):
    TalkFactory(venue=room, title="导出宣讲会", approved=True)
    client.force_login(school_admin)
    response = client.post(reverse("events:talk_export"), {"format": "csv",
                                                          "fields_chosen": ["title", "registration_count", "venue"]})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "导出宣讲会" in content and "学术报告厅一" in content


def test_permissions(client, room):
    talk = TalkFactory(venue=room)
    viewer = UserFactory(username="talkviewer", permissions=["events.talk.view"])
    client.force_login(viewer)
    assert client.get(reverse("events:talk_list")).status_code == 200
    assert client.get(reverse("events:talk_detail", args=[talk.pk])).status_code == 200
    assert client.post(reverse("events:talk_detail", args=[talk.pk]), approve_data(room)).status_code == 403
    assert client.post(reverse("events:talk_detail", args=[talk.pk]), {"_action": "cancel"}).status_code == 403
    assert client.get(reverse("events:talk_add")).status_code == 403
    assert client.get(reverse("events:talk_edit", args=[talk.pk])).status_code == 403
    assert client.get(reverse("events:talk_export")).status_code == 403
    assert Talk.objects.get(pk=talk.pk).status == "pending"
    nobody = UserFactory(username="nobody", permissions=[])
    client.force_login(nobody)
    assert client.get(reverse("events:talk_list")).status_code == 403
    assert client.get(reverse("events:talk_registration_list")).status_code == 403
    client.force_login(EmployerFactory(admitted=True).user)
    assert client.get(reverse("events:talk_list")).status_code == 403


def test_past_application_cannot_be_approved(school_admin, room):
    talk = TalkFactory(venue=room, starts_at=at(-2, 14), ends_at=at(-2, 16))
    with pytest.raises(Exception, match="举办时间已过"):
        actions.approve_talk(talk, acting_user=school_admin)


def test_school_talk_shows_organiser_in_list_and_export(client, school_admin, room):
    TalkFactory(employer=None, organiser="学生就业指导中心", venue=room, approved=True, title="学校自办")
    client.force_login(school_admin)
    assert "学生就业指导中心" in client.get(reverse("events:talk_list")).content.decode()
    response = client.post(reverse("events:talk_export"), {"format": "csv", "fields_chosen": ["title", "host"]})
    assert "学生就业指导中心" in b"".join(response.streaming_content).decode("utf-8-sig")
