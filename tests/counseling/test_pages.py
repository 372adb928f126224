"""预约咨询 pages: the school's tabs (设置, 主题, 咨询师, 台账 + export, 统计), the adviser's 我的咨询 (own bookings
only, whatever other permissions), the student's booking pages; scope by the student's major."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.core.permissions import registry
from careers.counseling.bookings import actions
from careers.counseling.models import Adviser, Booking, BookingStatus, CounselingSettings, Slot, Topic
from tests.counseling.counseling_support import counseling, make_slot, student_with_account  # noqa: F401
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_school_pages_render(client, school_admin, counseling):  # noqa: F811
    booking = actions.book(student_with_account(), make_slot(counseling["adviser"]), counseling["topic"], "问")
    client.force_login(school_admin)
    for name, args in [("counseling:booking_list", []), ("counseling:booking_detail", [booking.pk]),
                       ("counseling:settings", []), ("counseling:topic_list", []), ("counseling:topic_add", []),
                       ("counseling:adviser_list", []), ("counseling:adviser_add", []),
                       ("counseling:adviser_detail", [counseling["adviser"].pk]), ("counseling:statistics", []),
                       ("counseling:booking_export", [])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    assert "咨询台账" in client.get(reverse("counseling:booking_list")).content.decode()


def test_settings_guide_is_sanitised_and_saved(client, school_admin, counseling):  # noqa: F811
    client.force_login(school_admin)
    response = client.post(reverse("counseling:settings"), {
        "enabled": "on", "guide": "<p>先选主题</p><script>alert(1)</script>", "cancel_hours": "12"})
    assert response.status_code == 302
    saved = CounselingSettings.current()
    assert saved.cancel_hours == 12 and "<script" not in saved.guide and "先选主题" in saved.guide


def test_adviser_registration_and_duplicate(client, school_admin, counseling):  # noqa: F811
    from careers.accounts.models import User

    teacher = UserFactory(username="t1", name="孙老师", kind=User.Kind.COUNSELOR)
    client.force_login(school_admin)
    response = client.post(reverse("counseling:adviser_add"), {"user": teacher.pk, "title": "讲师",
                                                               "topics": [counseling["topic"].pk], "is_active": "on"})
    assert response.status_code == 302 and Adviser.objects.filter(user=teacher).exists()
    again = client.post(reverse("counseling:adviser_add"), {"user": teacher.pk, "is_active": "on"})
    assert "该账号已登记为咨询师" in again.content.decode()


def test_my_counseling_menu_only_for_advisers(counseling):  # noqa: F811
    item = next(i for m in registry.modules.values() for i in m.menus if i.code == "counseling.mine")
    assert registry.can_see(counseling["user"], item)  # no permission ticked at all
    assert not registry.can_see(UserFactory(username="plain", permissions=[]), item)
    assert "counseling.mine" not in registry.all_codes()  # no checkbox: it follows the 咨询师列表


def test_adviser_sees_only_own_bookings(client, counseling):  # noqa: F811
    from careers.accounts.models import User

    other = Adviser.objects.create(user=UserFactory(username="adviser9", kind=User.Kind.COUNSELOR))
    mine = actions.book(student_with_account(name="甲同学"), make_slot(counseling["adviser"]), counseling["topic"], "我的")
    theirs = actions.book(student_with_account(name="乙同学"), make_slot(other), counseling["topic"], "别人的")
    client.force_login(counseling["user"])
    home = client.get(reverse("counseling:mine")).content.decode()
    assert "甲同学" in home and "乙同学" not in home
    assert "我的咨询" in home  # the menu shows although the account holds no permission
    assert client.get(reverse("counseling:mine_booking", args=[mine.pk])).status_code == 200
    assert client.get(reverse("counseling:mine_booking", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("counseling:mine_booking", args=[theirs.pk]), {"decision": "confirm"}).status_code == 404
    assert client.get(reverse("counseling:booking_list")).status_code == 403  # not the school's ledger
    client.post(reverse("counseling:mine_booking", args=[mine.pk]), {"decision": "confirm", "note": "见"})
    mine.refresh_from_db()
    assert mine.status == BookingStatus.CONFIRMED


def test_non_adviser_is_refused_my_counseling(client, college_admin):
    client.force_login(college_admin)
    response = client.get(reverse("counseling:mine"))
    assert response.status_code == 403 and "咨询师" in response.content.decode()


def test_adviser_sets_one_off_and_weekly_slots(client, counseling):  # noqa: F811
    client.force_login(counseling["user"])
    start = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(reverse("counseling:mine_slot_add"), {
        "starts_at": f"{start:%Y-%m-%d} 10:00", "ends_at": f"{start:%Y-%m-%d} 11:00", "mode": "online",
        "location": "腾讯会议", "capacity": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    overlap = client.post(reverse("counseling:mine_slot_add"), {
        "starts_at": f"{start:%Y-%m-%d} 10:30", "ends_at": f"{start:%Y-%m-%d} 11:30", "mode": "room", "capacity": "1"})
    assert "重叠" in overlap.content.decode()
    today = timezone.localdate()
    response = client.post(reverse("counseling:mine_slot_add") + "?weekly=1", {
        "weekday": "2", "start_time": "14:00", "end_time": "15:00", "starts_on": f"{today:%Y-%m-%d}",
        "ends_on": f"{today + datetime.timedelta(days=27):%Y-%m-%d}", "mode": "room", "location": "201",
        "capacity": "2"})
    assert response.status_code == 302
    weekly = Slot.objects.filter(rule__isnull=False)
    assert 3 <= weekly.count() <= 4 and all(timezone.localtime(s.starts_at).weekday() == 2 for s in weekly)
    past = client.post(reverse("counseling:mine_slot_add"), {
        "starts_at": "2020-01-01 10:00", "ends_at": "2020-01-01 11:00", "mode": "room", "capacity": "1"})
    assert "只能设置将来的咨询时间" in past.content.decode()


def test_ledger_is_scoped_by_major(client, college_admin, org, counseling):  # noqa: F811
    inside = actions.book(student_with_account(major=org["majors"]["a1"], name="本院生"),
                          make_slot(counseling["adviser"], hours=30), counseling["topic"], "问")
    outside = actions.book(student_with_account(major=org["majors"]["b1"], name="外院生"),
                           make_slot(counseling["adviser"], hours=40), counseling["topic"], "问")
    client.force_login(college_admin)
    page = client.get(reverse("counseling:booking_list")).content.decode()
    assert "本院生" in page and "外院生" not in page
    assert client.get(reverse("counseling:booking_detail", args=[outside.pk])).status_code == 404
    assert client.get(reverse("counseling:booking_detail", args=[inside.pk])).status_code == 200
    stats = client.get(reverse("counseling:statistics")).content.decode()
    assert "<td>1</td>" in stats  # one booking in scope, not two


def test_ledger_query_count_is_bounded(client, school_admin, counseling, django_assert_max_num_queries):  # noqa: F811
    for hours in range(30, 50):
        actions.book(student_with_account(), make_slot(counseling["adviser"], hours=hours), counseling["topic"], "问")
    client.force_login(school_admin)
    client.get(reverse("counseling:booking_list"))
    with django_assert_max_num_queries(25):
        assert client.get(reverse("counseling:booking_list")).status_code == 200


def test_student_books_cancels_and_rates(client, counseling):  # noqa: F811
    student = student_with_account()
    slot = make_slot(counseling["adviser"], hours=72)
    client.force_login(student.user)
    page = client.get(reverse("portal_counseling:book")).content.decode()
    assert f'id="slot-{slot.pk}"' in page
    response = client.post(reverse("portal_counseling:book"), {"topic": counseling["topic"].pk, "slot": slot.pk,
                                                               "question": "想了解考研还是就业"})
    assert response.status_code == 302
    booking = Booking.objects.get(student=student)
    assert f'id="slot-{slot.pk}"' not in client.get(reverse("portal_counseling:book")).content.decode()  # full now
    taken = client.post(reverse("portal_counseling:book"), {"topic": counseling["topic"].pk, "slot": slot.pk,
                                                            "question": "再约"})
    assert "无需重复预约" in taken.content.decode()
    client.post(reverse("portal_counseling:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert "预约咨询" in client.get(reverse("portal_counseling:home")).content.decode()
    assert client.get(reverse("portal:home")).status_code == 200


def test_student_cannot_touch_anothers_booking(client, counseling):  # noqa: F811
    booking = actions.book(student_with_account(), make_slot(counseling["adviser"]), counseling["topic"], "问")
    intruder = student_with_account()
    client.force_login(intruder.user)
    assert client.post(reverse("portal_counseling:cancel", args=[booking.pk])).status_code == 404
    assert client.get(reverse("portal_counseling:rate", args=[booking.pk])).status_code == 404


def test_topics_crud(client, school_admin, counseling):  # noqa: F811
    client.force_login(school_admin)
    assert client.post(reverse("counseling:topic_add"), {"name": " 升学  深造 ", "position": "2",
                                                         "is_active": "on"}).status_code == 302
    assert Topic.objects.filter(name="升学 深造").exists()
    dup = client.post(reverse("counseling:topic_add"), {"name": "求职择业", "position": "1"})
    assert "已有同名的咨询主题" in dup.content.decode()


def test_ledger_export_has_every_column_and_only_the_scope(client, college_admin, org, counseling):  # noqa: F811
    from careers.counseling.bookings.views import BookingListView  # noqa: F401  (declares the export)
    from careers.counseling.models import Rating

    inside = actions.book(student_with_account(major=org["majors"]["a1"], name="本院生"),
                          make_slot(counseling["adviser"], hours=30), counseling["topic"], "问")
    Booking.objects.filter(pk=inside.pk).update(status=BookingStatus.COMPLETED, session_notes="谈了简历")
    Rating.objects.create(booking=inside, stars=4, comment="不错")
    actions.book(student_with_account(major=org["majors"]["b1"], name="外院生"),
                 make_slot(counseling["adviser"], hours=40), counseling["topic"], "问")
    client.force_login(college_admin)
    names = ["starts_at", "adviser", "student_number", "name", "major", "topic", "place", "status", "reply_note",
             "session_notes", "stars", "comment"]
    response = client.post(reverse("counseling:booking_export"), {"fields_chosen": names, "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "本院生" in text and "外院生" not in text
    assert "谈了简历" in text and "不错" in text and "已完成" in text and "线下面谈" in text and "钱老师" in text


def test_student_rates_once_on_the_portal(client, counseling):  # noqa: F811
    student = student_with_account()
    booking = actions.book(student, make_slot(counseling["adviser"]), counseling["topic"], "问")
    Booking.objects.filter(pk=booking.pk).update(status=BookingStatus.COMPLETED)
    client.force_login(student.user)
    assert "评价本次咨询" in client.get(reverse("portal_counseling:home")).content.decode()
    assert client.get(reverse("portal_counseling:rate", args=[booking.pk])).status_code == 200
    bad = client.post(reverse("portal_counseling:rate", args=[booking.pk]), {"stars": "9"})
    assert "请选择 1–5 星评分" in bad.content.decode()
    assert client.post(reverse("portal_counseling:rate", args=[booking.pk]),
                       {"stars": "5", "comment": "谢谢老师"}).status_code == 302
    again = client.post(reverse("portal_counseling:rate", args=[booking.pk]), {"stars": "3"}, follow=True)
    assert "评价过了" in again.content.decode()
    assert "我的评价：5 星" in client.get(reverse("portal_counseling:home")).content.decode()


def test_an_adviser_sees_their_pending_bookings_as_work(client, counseling):  # noqa: F811
    from careers.core.workqueue import WORK_ITEMS

    actions.book(student_with_account(), make_slot(counseling["adviser"]), counseling["topic"], "问")
    item = WORK_ITEMS["counseling.mine_pending"]
    assert item.visible_to(counseling["user"]) and item.count(counseling["user"]) == 1
    assert item.count(UserFactory(username="not-an-adviser")) == 0
    client.force_login(counseling["user"])
    assert "待确认的咨询预约" in client.get(reverse("core:home")).content.decode()
