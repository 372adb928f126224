"""项目活动 pages: the student's flow on /me/programmes/ (register a team, add members by 学号, confirm, submit,
status and reason seen by every member), the back office (lists with bounded queries, 同意 / 不同意 one by one and
in bulk, exports), scope (a college admin sees only entries whose captain is in their majors, and only the
members in their majors), and bad input refused in Chinese with nothing written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from careers.events.models import EntryStatus, Programme, ProgrammeEntry, ProgrammeEntryMember
from careers.events.programmes import actions
from tests.events.programmes_support import programme, student_account, values

pytestmark = pytest.mark.django_db


def page(response):
    return response.content.decode()


def test_captain_registers_a_team_member_confirms_admin_approves(client, school_admin):
    p = programme(min_members=2, max_members=3)
    captain, member = student_account(), student_account()
    client.force_login(captain.user)
    assert p.title in page(client.get(reverse("portal_events:programme_list")))
    assert 'id="register"' in page(client.get(reverse("portal_events:programme_detail", args=[p.pk])))
    response = client.post(reverse("portal_events:programme_register", args=[p.pk]), {
        "entry_type": p.entry_types.first().pk, "team_name": "星火队", "advisor_name": "王老师",
        "members": member.student_number}, follow=True)
    assert "团队已创建" in page(response)
    entry = ProgrammeEntry.objects.get()
    assert entry.status == EntryStatus.FORMING and entry.advisor_name == "王老师"
    client.force_login(member.user)
    listing = page(client.get(reverse("portal_events:programme_list")))
    assert 'id="invitations"' in listing and "星火队" in listing
    invitation = ProgrammeEntryMember.objects.get(student=member)
    client.post(reverse("portal_events:programme_invitation_confirm", args=[invitation.pk]))
    client.force_login(captain.user)
    response = client.post(reverse("portal_events:programme_entry_submit", args=[entry.pk]), follow=True)
    assert "等待学校审核" in page(response)
    client.force_login(school_admin)
    detail = page(client.get(reverse("events:programmeentry_detail", args=[entry.pk])))
    assert 'id="entry-review"' in detail and member.name in detail
    client.post(reverse("events:programmeentry_detail", args=[entry.pk]), {"_action": "reject", "reason": "缺少附件"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.REJECTED
    client.force_login(member.user)  # every member sees the status and the reason
    shown = page(client.get(reverse("portal_events:programme_entry", args=[entry.pk])))
    assert "不通过原因：缺少附件" in shown


def test_register_bad_input_is_refused_in_chinese(client):
    p = programme(min_members=2, max_members=2)
    captain, a, b = student_account(), student_account(), student_account()
    client.force_login(captain.user)
    url = reverse("portal_events:programme_register", args=[p.pk])
    response = client.post(url, {"entry_type": p.entry_types.first().pk, "team_name": "队",
                                 "members": f"{a.student_number}\n{b.student_number}"})
    assert response.status_code == 400 and "超过了本项目活动的上限 2 人" in page(response)
    response = client.post(url, {"entry_type": p.entry_types.first().pk, "team_name": "队", "members": "00000000"})
    assert "学号 00000000 不存在" in page(response)
    response = client.post(url, {"team_name": "队"})
    assert "请选择报名类型" in page(response)
    response = client.post(url, {"entry_type": p.entry_types.first().pk, "team_name": "队",
                                 "attachment": SimpleUploadedFile("a.pdf", b"not a pdf")})
    assert "报名附件须为 JPG、PNG 图片或 PDF 文件" in page(response)
    assert not ProgrammeEntry.objects.exists()


def test_register_outside_the_window(client):
    p = programme(opens=-5, closes=-1)
    student = student_account()
    client.force_login(student.user)
    response = client.get(reverse("portal_events:programme_register", args=[p.pk]), follow=True)
    assert "报名已于" in page(response)
    draft = programme(state="draft", title="草稿项目")
    assert client.get(reverse("portal_events:programme_detail", args=[draft.pk])).status_code == 404


def test_someone_elses_entry_is_404(client):
    p = programme(team=False)
    entry = actions.register(p, student_account(), values(p))
    stranger = student_account()
    client.force_login(stranger.user)
    assert client.get(reverse("portal_events:programme_entry", args=[entry.pk])).status_code == 404
    assert client.post(reverse("portal_events:programme_entry_withdraw", args=[entry.pk])).status_code == 404


def test_admin_lists_and_query_counts(client, school_admin, django_assert_max_num_queries):
    for n in range(3):
        p = programme(title=f"项目{n}", team=n % 2 == 0)
        for _ in range(4):
            actions.register(p, student_account(), values(p, team_name=f"队{_}"))
    client.force_login(school_admin)
    for name in ("events:programme_list", "events:programmeentry_list", "events:programmeentrymember_list",
                 "events:programmeentrytype_list"):
        with django_assert_max_num_queries(20):
            assert client.get(reverse(name)).status_code == 200
    p = Programme.objects.first()
    with django_assert_max_num_queries(25):
        assert client.get(reverse("events:programme_detail", args=[p.pk])).status_code == 200
    entry = ProgrammeEntry.objects.first()
    with django_assert_max_num_queries(25):
        assert client.get(reverse("events:programmeentry_detail", args=[entry.pk])).status_code == 200


def test_programme_form_rules_and_sanitising(client, school_admin):
    client.force_login(school_admin)
    url = reverse("events:programme_add")
    base = {"title": "创新大赛", "entry_form": "team", "registration_opens_at": "2026-12-10T08:00",
            "registration_closes_at": "2026-12-01T08:00", "min_members": 3, "max_members": 2,
            "member_mode": "confirm", "advisor_rule": "optional", "state": "draft",
            "description": "<p>说明</p><script>alert(1)</script>"}
    shown = page(client.post(url, base))
    assert "报名截止时间必须晚于报名开始时间" in shown and "最多人数（2）不能少于最少人数（3）" in shown
    assert not Programme.objects.exists()
    client.post(url, {**base, "registration_closes_at": "2026-12-20T08:00", "max_members": 5})
    saved = Programme.objects.get()
    assert "<script>" not in saved.description and "说明" in saved.description


def test_bulk_review_and_exports(client, school_admin):
    p = programme(team=False)
    entries = [actions.register(p, student_account(), values(p)) for _ in range(3)]
    client.force_login(school_admin)
    client.post(reverse("events:programmeentry_reject"), {"pk": [entries[0].pk], "reason": ""})
    assert ProgrammeEntry.objects.filter(status=EntryStatus.PENDING).count() == 3  # no reason: nothing done
    client.post(reverse("events:programmeentry_approve"), {"pk": [e.pk for e in entries[:2]]})
    client.post(reverse("events:programmeentry_reject"), {"pk": [entries[2].pk], "reason": "名额已满"})
    assert sorted(ProgrammeEntry.objects.values_list("status", flat=True)) == ["approved", "approved", "rejected"]
    for name in ("events:programmeentry_export", "events:programmeentrymember_export", "events:programme_export"):
        url = reverse(name) + f"?programme={p.pk}"
        assert client.get(url).status_code == 200
        response = client.post(url, {"fields_chosen": _all_fields(client, url), "format": "xlsx"})
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        assert book.active.max_row >= 2


def _all_fields(client, url):
    form = client.get(url).context["form"]
    return [value for value, _ in form.fields["fields_chosen"].choices]


def test_college_admin_sees_only_their_captains_and_members(client, org, college_admin):
    p = programme(min_members=2, max_members=3)
    from tests.studentfiles.helpers import student_account as give_account

    a, b = org["students"]["a1"], org["students"]["b1"]
    give_account(a), give_account(b)
    mine = actions.register(p, a, values(p), members=[(b.student_number, None, "")])  # captain in college A
    b2 = student_account(major=org["majors"]["b2"])
    theirs = actions.register(p, b2, values(p, team_name="乙队"))  # captain in college B
    client.force_login(college_admin)
    listing = page(client.get(reverse("events:programmeentry_list")))
    assert a.name in listing and b2.name not in listing
    assert client.get(reverse("events:programmeentry_detail", args=[theirs.pk])).status_code == 404
    detail = page(client.get(reverse("events:programmeentry_detail", args=[mine.pk])))
    assert a.name in detail and b.name not in detail and "另有 1 名成员不在您管辖的专业内" in detail
    members = page(client.get(reverse("events:programmeentrymember_list")))
    assert a.name in members and b.name not in members and b2.name not in members
    counts = page(client.get(reverse("events:programme_list")))
    assert 'data-status' not in counts  # (list) — the detail shows the scoped counts
    detail = page(client.get(reverse("events:programme_detail", args=[p.pk])))
    assert 'data-status="forming">1<' in detail
    response = client.post(reverse("events:programmeentry_approve"), {"pk": [theirs.pk]}, follow=True)
    assert "无权操作" in page(response)


def test_programme_edit_keeps_existing_teams_valid(client, school_admin):
    p = programme(min_members=2, max_members=4)
    members = [student_account() for _ in range(3)]
    actions.register(p, members[0], values(p), members=[(s.student_number, None, "") for s in members[1:]])
    client.force_login(school_admin)
    form = {"title": p.title, "entry_form": "individual", "registration_opens_at": "2026-12-01T08:00",
            "registration_closes_at": "2027-12-01T08:00", "min_members": 2, "max_members": 2,
            "member_mode": "confirm", "advisor_rule": "optional", "state": "published"}
    shown = page(client.post(reverse("events:programme_edit", args=[p.pk]), form))
    assert "已有学生报名，不能修改报名项目形式" in shown
    shown = page(client.post(reverse("events:programme_edit", args=[p.pk]), {**form, "entry_form": "team"}))
    assert "已有 3 人的团队报名，最多人数不能少于 3" in shown
    p.refresh_from_db()
    assert (p.entry_form, p.max_members) == ("team", 4)


def test_attachment_upload_and_who_may_download_it(client, school_admin, settings, tmp_path):
    from PIL import Image

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    p = programme(team=False, attachment_required=True)
    student, stranger = student_account(), student_account()
    png = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(png, "PNG")
    client.force_login(student.user)
    client.post(reverse("portal_events:programme_register", args=[p.pk]), {
        "entry_type": p.entry_types.first().pk, "attachment": SimpleUploadedFile("规划书.png", png.getvalue())})
    entry = ProgrammeEntry.objects.get()
    assert entry.attachment and entry.status == EntryStatus.PENDING
    assert client.get(reverse("portal_events:programme_entry_file", args=[entry.pk])).status_code == 200
    client.force_login(stranger.user)
    assert client.get(reverse("portal_events:programme_entry_file", args=[entry.pk])).status_code == 404
    client.force_login(school_admin)
    assert client.get(reverse("events:programmeentry_file", args=[entry.pk])).status_code == 200


def test_members_are_told_and_the_workqueue_counts_pending(client, school_admin, org, college_admin):
    from careers.core.models import MessageDelivery
    from careers.events.workqueue import pending_programme_entries

    p = programme(member_mode="details", min_members=2, max_members=2)
    captain = student_account(major=org["majors"]["a1"])
    member = student_account(major=org["majors"]["b1"])
    entry = actions.register(p, captain, values(p), members=[(member.student_number, member.name, "")])
    other = student_account(major=org["majors"]["b2"])
    actions.register(programme(team=False, title="个人赛"), other, values(Programme.objects.get(title="个人赛")))
    assert pending_programme_entries(school_admin) == 2 and pending_programme_entries(college_admin) == 1
    actions.approve_entry(entry, acting_user=school_admin)
    assert MessageDelivery.objects.filter(recipient__in=[captain.user, member.user]).count() == 2


def test_portal_pages_in_bounded_queries(client, django_assert_max_num_queries):
    p = programme(min_members=2, max_members=5)
    students = [student_account() for _ in range(5)]
    entry = actions.register(p, students[0], values(p), members=[(s.student_number, None, "") for s in students[1:]])
    for n in range(5):
        programme(title=f"项目{n}", team=n % 2 == 0)
    client.force_login(students[0].user)
    for url in (reverse("portal_events:programme_list"), reverse("portal_events:programme_detail", args=[p.pk]),
                reverse("portal_events:programme_entry", args=[entry.pk])):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


def test_the_hub_card_shows_invitations_and_hides_without_entries(client):
    p = programme()
    captain, member, nobody = student_account(), student_account(), student_account()
    actions.register(p, captain, values(p), members=[(member.student_number, None, "")])
    client.force_login(member.user)
    hub = page(client.get(reverse("portal:home")))
    assert 'id="hub-programmes"' in hub and "组队邀请待确认" in hub
    client.force_login(nobody.user)
    assert 'id="hub-programmes"' not in page(client.get(reverse("portal:home")))
