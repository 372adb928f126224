"""项目活动 team rules (actions): one active entry per student per programme (also when two joins race: the
partial unique index decides), team size, the registration window, confirmation, submit, withdraw, review."""

import pytest
from django.core.exceptions import ValidationError

from careers.events.models import EntryStatus, ProgrammeEntry, ProgrammeEntryMember
from careers.events.programmes import actions
from tests.events.programmes_support import programme, student_account, values

pytestmark = pytest.mark.django_db


@pytest.fixture
def students(db):
    return [student_account() for _ in range(5)]


def test_individual_entry_is_submitted_at_once(students):
    p = programme(team=False)
    entry = actions.register(p, students[0], values(p))
    assert entry.status == EntryStatus.PENDING and entry.submitted_at
    assert entry.members.get().role == "captain"
    with pytest.raises(ValidationError, match="其他报名或团队"):
        actions.register(p, students[0], values(p))


def test_individual_programme_refuses_members(students):
    p = programme(team=False)
    with pytest.raises(ValidationError, match="个人报名"):
        actions.register(p, students[0], values(p), members=[(students[1].student_number, None, "")])
    assert not ProgrammeEntry.objects.exists()


def test_team_is_formed_confirmed_and_submitted(students):
    captain, a, b = students[:3]
    p = programme(min_members=3, max_members=3)
    entry = actions.register(p, captain, values(p), members=[(a.student_number, None, ""), (b.student_number, None, "")])
    assert entry.status == EntryStatus.FORMING
    with pytest.raises(ValidationError, match="未确认"):
        actions.submit_entry(entry, captain)
    for student in (a, b):
        actions.confirm_membership(ProgrammeEntryMember.objects.get(entry=entry, student=student), student)
    actions.submit_entry(entry, captain)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PENDING


def test_a_student_in_two_teams_is_refused(students):
    captain1, captain2, member = students[:3]
    p = programme()
    actions.register(p, captain1, values(p), members=[(member.student_number, None, "")])
    with pytest.raises(ValidationError) as refused:
        actions.register(p, captain2, values(p, team_name="另一队"), members=[(member.student_number, None, "")])
    assert "已在本项目活动的其他报名或团队中" in str(refused.value) and member.student_number in str(refused.value)
    assert ProgrammeEntry.objects.count() == 1  # nothing half written: the second team is not there
    assert not ProgrammeEntryMember.objects.filter(student=captain2).exists()


def test_the_unique_index_settles_a_race_the_check_missed(students, monkeypatch):
    """Both joins passed the friendly check (as two concurrent requests would): the index refuses the second,
    in Chinese, and the second team keeps nothing of the change (SQLite and PostgreSQL alike)."""
    captain1, captain2, member = students[:3]
    p = programme()
    e1 = actions.register(p, captain1, values(p))
    e2 = actions.register(p, captain2, values(p, team_name="另一队"))
    actions.add_member(e1, captain1, member.student_number)
    real_filter = ProgrammeEntryMember.objects.filter

    class Blind:
        def exists(self):
            return False

    monkeypatch.setattr(ProgrammeEntryMember.objects, "filter",
                        lambda *a, **kw: Blind() if kw.get("active") and "student" in kw and "programme" in kw
                        else real_filter(*a, **kw))
    with pytest.raises(ValidationError, match="其他报名或团队"):
        actions.add_member(e2, captain2, member.student_number)
    monkeypatch.undo()
    assert ProgrammeEntryMember.objects.filter(student=member, active=True).count() == 1
    assert ProgrammeEntryMember.objects.filter(entry=e2).count() == 1  # only its captain


def test_team_size_over_the_limit_is_refused(students):
    captain = students[0]
    p = programme(min_members=2, max_members=2)
    with pytest.raises(ValidationError, match="超过了本项目活动的上限 2 人"):
        actions.register(p, captain, values(p), members=[(s.student_number, None, "") for s in students[1:3]])
    assert not ProgrammeEntry.objects.exists()
    entry = actions.register(p, captain, values(p), members=[(students[1].student_number, None, "")])
    with pytest.raises(ValidationError, match="达到本项目活动的上限"):
        actions.add_member(entry, captain, students[2].student_number)


def test_team_below_the_minimum_cannot_submit(students):
    p = programme(min_members=3, max_members=4)
    entry = actions.register(p, students[0], values(p))
    with pytest.raises(ValidationError, match="少于本项目活动要求的 3 人"):
        actions.submit_entry(entry, students[0])


@pytest.mark.parametrize("window, message", [((1, 5), "将于"), ((-5, -1), "已于"), ((-1, 5, "draft"), "草稿")])
def test_outside_the_window_is_refused(students, window, message):
    p = programme(opens=window[0], closes=window[1], state=window[2] if len(window) > 2 else "published")
    with pytest.raises(ValidationError, match=message):
        actions.register(p, students[0], values(p))
    assert not ProgrammeEntry.objects.exists()


def test_unknown_or_non_matching_student_number(students):
    p = programme(member_mode="details")
    with pytest.raises(ValidationError, match="学号 99999999 不存在"):
        actions.register(p, students[0], values(p), members=[("99999999", "某某", "")])
    with pytest.raises(ValidationError, match="与姓名“错名”不符"):
        actions.register(p, students[0], values(p), members=[(students[1].student_number, "错名", "")])
    assert not ProgrammeEntry.objects.exists()


def test_details_mode_enters_confirmed_members_and_submits(students):
    p = programme(member_mode="details", min_members=2, max_members=2)
    entry = actions.register(p, students[0], values(p),
                             members=[(students[1].student_number, students[1].name, "13800000000")])
    assert entry.status == EntryStatus.PENDING
    assert entry.members.filter(confirmed_at__isnull=False).count() == 2


def test_required_type_advisor_and_attachment(students):
    p = programme(advisor_rule="required", attachment_required=True)
    with pytest.raises(ValidationError) as refused:
        actions.register(p, students[0], values(p, entry_type=None, team_name=""))
    assert set(refused.value.error_dict) == {"entry_type", "team_name", "advisor_name", "attachment"}


def test_decline_frees_the_student_and_withdraw_frees_everyone(students):
    captain, member, other = students[:3]
    p = programme()
    entry = actions.register(p, captain, values(p), members=[(member.student_number, None, "")])
    actions.decline_membership(ProgrammeEntryMember.objects.get(entry=entry, student=member), member)
    other_entry = actions.register(p, other, values(p, team_name="新队"), members=[(member.student_number, None, "")])
    actions.withdraw_entry(other_entry, other)
    assert not ProgrammeEntryMember.objects.filter(entry=other_entry, active=True).exists()
    actions.register(p, member, values(p, team_name="自己的队"))  # free again
    with pytest.raises(ValidationError, match="只有报名人"):
        actions.withdraw_entry(entry, member)


def test_member_change_sends_a_submitted_team_back_to_forming(students):
    p = programme(min_members=2, max_members=3)
    entry = actions.register(p, students[0], values(p), members=[(students[1].student_number, None, "")])
    actions.confirm_membership(ProgrammeEntryMember.objects.get(entry=entry, student=students[1]), students[1])
    actions.submit_entry(entry, students[0])
    actions.add_member(entry, students[0], students[2].student_number)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.FORMING


def test_review_approve_reject_and_refusals(students, school_admin):
    p = programme(team=False)
    e1 = actions.register(p, students[0], values(p))
    e2 = actions.register(p, students[1], values(p))
    actions.approve_entry(e1, acting_user=school_admin)
    assert not actions.approve_entry(e1, acting_user=school_admin).changed  # a repeated click
    with pytest.raises(ValidationError, match="不同意的原因"):
        actions.reject_entry(e2, reason=" ", acting_user=school_admin)
    actions.reject_entry(e2, reason="材料不全", acting_user=school_admin)
    e2.refresh_from_db()
    assert e2.status == EntryStatus.REJECTED and e2.review_note == "材料不全" and e2.reviewed_by == school_admin
    with pytest.raises(ValidationError, match="不能审核不同意"):
        actions.reject_entry(e1, reason="晚了", acting_user=school_admin)
    # the rejected captain changes the entry and submits again
    actions.update_entry(e2, students[1], values(p, note="已补充材料"))
    actions.submit_entry(e2, students[1])
    e2.refresh_from_db()
    assert e2.status == EntryStatus.PENDING and e2.review_note == ""


def test_bulk_review_is_all_or_none(students, school_admin):
    p = programme(team=False)
    e1 = actions.register(p, students[0], values(p))
    e2 = actions.register(p, students[1], values(p))
    actions.approve_entry(e2, acting_user=school_admin)
    with pytest.raises(ValidationError):
        actions.bulk_review([e1, e2], approve=False, reason="名额已满", acting_user=school_admin)
    e1.refresh_from_db()
    assert e1.status == EntryStatus.PENDING


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_joins_one_wins(code_tables):
    from tests.concurrency import run_concurrently

    captains = [student_account() for _ in range(2)]
    member = student_account()
    p = programme()
    entries = [actions.register(p, c, values(p, team_name=f"队{n}")) for n, c in enumerate(captains)]

    def join(entry):
        actions.add_member(entry, entry.captain, member.student_number)
        return "ok"

    outcomes = [str(o) for o in run_concurrently(join, args=entries)]
    assert outcomes.count("ok") == 1 and any("其他报名或团队" in o for o in outcomes), outcomes
    assert ProgrammeEntryMember.objects.filter(student=member, active=True).count() == 1



@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_registration_creates_one_entry(code_tables):
    from tests.concurrency import run_concurrently

    captain = student_account()
    p = programme(team=False)

    def register():
        actions.register(p, captain, values(p))
        return "ok"

    outcomes = [str(o) for o in run_concurrently(register, 2)]
    assert outcomes.count("ok") == 1 and any("其他报名或团队" in o for o in outcomes), outcomes
    assert ProgrammeEntry.objects.filter(programme=p).count() == 1  # the loser's entry row went with it


def test_a_member_who_cannot_log_in_cannot_be_invited_to_confirm(students):
    from tests.factories import StudentFactory

    no_account = StudentFactory()
    p = programme()
    with pytest.raises(ValidationError, match="还没有学生中心账号"):
        actions.register(p, students[0], values(p), members=[(no_account.student_number, None, "")])
    details = programme(member_mode="details", title="队长填写")
    entry = actions.register(details, students[0], values(details),
                             members=[(no_account.student_number, no_account.name, "")])
    assert entry.members.count() == 2
