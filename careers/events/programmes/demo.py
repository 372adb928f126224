"""Demo 项目活动: 报名类型 (one switched off), programmes in every state and form — a team competition open now
(members confirm themselves, advisor required, with an attachment), an individual one open now, a team one
where the captain enters the members (已结束), a draft, and one not open yet — and entries in every state:
组队中 with an unconfirmed member (the demo student's own team), 待审核, 已通过, 不通过 with its reason, 已撤回,
a team with a member who declined, an entry with an attachment and one without a type. Idempotent by title."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from ..checkin.demo import demo_students
from .models import (
    EntryStatus,
    MemberRole,
    Programme,
    ProgrammeEntry,
    ProgrammeEntryMember,
    ProgrammeEntryType,
)

TYPES = [("本科组", "全日制本科生", 1, True), ("研究生组", "硕士、博士研究生", 2, True),
         ("创意组", "尚未注册公司的创业项目", 3, True), ("往届组别", "已停用的类型", 9, False)]


def _png(text_colour):
    out = io.BytesIO()
    Image.new("RGB", (120, 80), text_colour).save(out, "PNG")
    return ContentFile(out.getvalue(), name="demo.png")


def _types():
    found = {}
    for name, description, ordering, active in TYPES:
        found[name], _ = ProgrammeEntryType.objects.get_or_create(
            name=name, defaults={"description": description, "ordering": ordering, "is_active": active})
    return found


def _programme(title, types, **fields):
    existing = Programme.objects.filter(title=title).first()
    if existing:
        return existing, False
    with_attachment = fields.pop("with_attachment", False)
    programme = Programme(title=title, **fields)
    programme._change_reason = "演示数据"
    if with_attachment:
        programme.attachment.save("notice.png", _png("white"), save=False)
    programme.save()
    programme.entry_types.set(types)
    return programme, True


def _entry(programme, entry_type, captain, members=(), *, status, team_name="", reason="", declined=(),
           unconfirmed=(), attachment=False, advisor=("", "")):
    now = timezone.now()
    entry = ProgrammeEntry(programme=programme, entry_type=entry_type, captain=captain, team_name=team_name,
                           advisor_name=advisor[0], advisor_contact=advisor[1], status=status,
                           review_note=reason,
                           submitted_at=None if status == EntryStatus.FORMING else now - datetime.timedelta(days=2),
                           reviewed_at=now - datetime.timedelta(days=1)
                           if status in (EntryStatus.APPROVED, EntryStatus.REJECTED) else None)
    if attachment:
        entry.attachment.save("entry.png", _png("lightblue"), save=False)
    entry._change_reason = "演示数据"
    entry.save()
    active = status != EntryStatus.WITHDRAWN
    rows = [ProgrammeEntryMember(entry=entry, programme=programme, student=captain, role=MemberRole.CAPTAIN,
                                 phone=captain.phone, confirmed_at=now, active=active)]
    for student in members:
        rows.append(ProgrammeEntryMember(
            entry=entry, programme=programme, student=student, role=MemberRole.MEMBER, phone=student.phone,
            confirmed_at=None if student in unconfirmed or student in declined else now,
            declined_at=now if student in declined else None, active=active and student not in declined))
    ProgrammeEntryMember.objects.bulk_create(rows)
    return entry


def seed(rng, years):
    students = demo_students(years, 40)
    if len(students) < 28:
        return
    types = _types()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    s = iter(students[2:])

    def take(n):
        return [next(s) for _ in range(n)]

    cup, new = _programme(
        "第十届“挑战杯”大学生创业计划竞赛（校赛）", [types["本科组"], types["研究生组"]], entry_form="team",
        registration_opens_at=now - 10 * day, registration_closes_at=now + 20 * day, min_members=2, max_members=5,
        member_mode="confirm", advisor_rule="required", attachment_required=False, contact="校团委 0571-88880001",
        description="<p>以团队形式提交创业计划书，校赛优胜项目推荐参加省赛。</p><ul><li>每队 2–5 人</li><li>须有指导教师</li></ul>",
        state="published", with_attachment=True)
    if new:
        advisor = ("王老师", "13900000001")
        # the demo student's own team: one member still has to confirm
        _entry(cup, types["本科组"], students[0], [students[1]], status=EntryStatus.FORMING, team_name="星火创客队",
               unconfirmed=[students[1]], advisor=advisor)
        _entry(cup, types["本科组"], *_split(take(3)), status=EntryStatus.PENDING, team_name="绿色能源队",
               advisor=advisor, attachment=True)
        _entry(cup, types["研究生组"], *_split(take(4)), status=EntryStatus.APPROVED, team_name="智慧医疗队",
               advisor=advisor)
        _entry(cup, types["本科组"], *_split(take(2)), status=EntryStatus.REJECTED, team_name="校园快递队",
               reason="创业计划书未上传，请补充后重新提交。", advisor=advisor)
        _entry(cup, types["研究生组"], *_split(take(2)), status=EntryStatus.WITHDRAWN, team_name="已解散队",
               advisor=advisor)
        captain, members = _split(take(3))
        _entry(cup, types["本科组"], captain, members, status=EntryStatus.FORMING, team_name="乡村振兴队",
               declined=[members[-1]], advisor=advisor)

    plan, new = _programme(
        "2027届大学生职业生涯规划大赛", [types["创意组"]], entry_form="individual",
        registration_opens_at=now - 5 * day, registration_closes_at=now + 15 * day, min_members=1, max_members=1,
        member_mode="confirm", advisor_rule="optional", attachment_required=True, contact="就业指导中心",
        description="<p>提交个人职业生涯规划书（PDF），初赛评审后进入现场答辩。</p>", state="published")
    if new:
        for status, reason in ((EntryStatus.APPROVED, ""), (EntryStatus.PENDING, ""),
                               (EntryStatus.REJECTED, "规划书格式不符合要求。"), (EntryStatus.WITHDRAWN, "")):
            _entry(plan, types["创意组"], take(1)[0], status=status, reason=reason, attachment=True)

    closed, new = _programme(
        "“互联网+”大学生创新创业大赛（校赛）", [], entry_form="team", registration_opens_at=now - 60 * day,
        registration_closes_at=now - 30 * day, min_members=3, max_members=6, member_mode="details",
        advisor_rule="none", contact="创新创业学院", description="", state="closed")
    if new:
        _entry(closed, None, *_split(take(3)), status=EntryStatus.APPROVED, team_name="云端课堂队")
        _entry(closed, None, *_split(take(3)), status=EntryStatus.REJECTED, team_name="共享单车队",
               reason="项目与往届获奖项目重复。")

    _programme("2027年简历设计大赛", [], entry_form="individual", registration_opens_at=now + 30 * day,
               registration_closes_at=now + 45 * day, state="draft", description="<p>筹备中。</p>")
    _programme("校园英语演讲比赛", [types["本科组"]], entry_form="individual", registration_opens_at=now + 7 * day,
               registration_closes_at=now + 21 * day, advisor_rule="none", state="published",
               description="<p>报名一周后开始。</p>")


def _split(students):
    return students[0], students[1:]
