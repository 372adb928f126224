"""项目活动 (manual 3.3): competitions students register for, alone or as a team.

    ProgrammeEntryType    报名类型: the groups/tracks a programme offers (报名项目类型)
    Programme             项目活动: school-wide, draft → published → closed; registration window; 个人 or 团队
    ProgrammeEntry        报名: one per individual or team; the captain (队长) owns it
    ProgrammeEntryMember  团队成员: one row per student in an entry, the captain included (role 队长)

Entry states:

    forming    组队中  (a team being built: members confirm; the captain submits when the team is complete)
    pending    待审核  (submitted; the captain may still edit, a change of members sends it back to 组队中)
    approved   已通过
    rejected   不通过  (reason shown to every member; the captain may change it and submit again in the window)
    withdrawn  已撤回  (by the captain; the members are free to join another team)

Rules enforced by the database: a student is in at most one *active* entry of a programme (a partial unique
index on (programme, student) where active — so two concurrent joins cannot both succeed), and a member row
carries its programme (copied from the entry) for that index.

Scope: an entry belongs to the captain's college (scope by the captain's major): the captain's college admin sees
and reviews it. Member rows are scoped by each member's own major, so a college admin's member list and export
never name a student outside their majors (on an entry's page other colleges' members are only counted).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet
from careers.studentfiles.storage import private_storage


def programme_file_path(instance, filename):
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"programmes/{uuid.uuid4().hex}.{ext}"


class ProgrammeEntryType(BaseModel):
    name = models.CharField("类型名称", max_length=50, unique=True,
                            error_messages={"unique": "已有同名的报名类型。"})
    description = models.CharField("说明", max_length=200, blank=True)
    ordering = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "报名类型"
        ordering = ["ordering", "pk"]

    def __str__(self):
        return self.name


class ProgrammeState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    CLOSED = "closed", "已结束"


class EntryForm(models.TextChoices):
    INDIVIDUAL = "individual", "个人"
    TEAM = "team", "团队"


class AdvisorRule(models.TextChoices):
    NONE = "none", "不需要"
    OPTIONAL = "optional", "可选填"
    REQUIRED = "required", "必须填写"


class MemberMode(models.TextChoices):
    CONFIRM = "confirm", "成员本人确认"
    DETAILS = "details", "队长填写成员信息"


class ProgrammeQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(state=ProgrammeState.PUBLISHED)

    def open_now(self, now=None):
        now = now or timezone.now()
        return self.published().filter(registration_opens_at__lte=now, registration_closes_at__gt=now)


class Programme(BaseModel):
    title = models.CharField("项目名称", max_length=100)
    description = models.TextField("项目介绍", blank=True)  # sanitised HTML (core.richtext)
    entry_types = models.ManyToManyField(ProgrammeEntryType, blank=True, related_name="programmes",
                                         verbose_name="报名项目类型")
    entry_form = models.CharField("报名项目形式", max_length=10, choices=EntryForm.choices,
                                  default=EntryForm.INDIVIDUAL)
    registration_opens_at = models.DateTimeField("报名开始时间")
    registration_closes_at = models.DateTimeField("报名截止时间")
    min_members = models.PositiveSmallIntegerField("最少人数", default=1, help_text="团队人数含队长")
    max_members = models.PositiveSmallIntegerField("最多人数", default=1, help_text="团队人数含队长")
    member_mode = models.CharField("成员加入方式", max_length=10, choices=MemberMode.choices,
                                   default=MemberMode.CONFIRM,
                                   help_text="成员本人确认：队长按学号添加，成员在学生中心确认；队长填写：队长填写成员姓名、学号和电话，无需确认")
    advisor_rule = models.CharField("指导教师", max_length=10, choices=AdvisorRule.choices,
                                    default=AdvisorRule.OPTIONAL)
    attachment_required = models.BooleanField("报名须上传附件", default=False)
    attachment = models.FileField("项目附件", upload_to=programme_file_path, storage=private_storage, blank=True,
                                  max_length=200, help_text="如竞赛通知、报名表模板（JPG、PNG 或 PDF，不超过 5 MB）")
    contact = models.CharField("联系方式", max_length=100, blank=True)
    state = models.CharField("状态", max_length=10, choices=ProgrammeState.choices, default=ProgrammeState.DRAFT,
                             db_index=True)

    history = HistoricalRecords()
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "项目活动"
        ordering = ["-registration_opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
                                   name="programme_window_order"),
            models.CheckConstraint(condition=Q(max_members__gte=models.F("min_members")) & Q(min_members__gte=1),
                                   name="programme_team_size"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_team(self):
        return self.entry_form == EntryForm.TEAM

    def window_state(self, now=None):
        """None when registration is open now, else why not (Chinese)."""
        now = now or timezone.now()
        if self.state != ProgrammeState.PUBLISHED:
            return f"项目活动“{self}”{self.get_state_display()}，不能报名。"
        if now < self.registration_opens_at:
            return f"项目活动“{self}”的报名将于 {timezone.localtime(self.registration_opens_at):%Y-%m-%d %H:%M} 开始。"
        if now >= self.registration_closes_at:
            return f"项目活动“{self}”的报名已于 {timezone.localtime(self.registration_closes_at):%Y-%m-%d %H:%M} 截止。"
        return None

    @property
    def is_open(self):
        return self.window_state() is None


class EntryStatus(models.TextChoices):
    FORMING = "forming", "组队中"
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "不通过"
    WITHDRAWN = "withdrawn", "已撤回"


# Entries whose members are taken (a student in one of these is in a team of the programme).
ACTIVE_STATUSES = (EntryStatus.FORMING, EntryStatus.PENDING, EntryStatus.APPROVED, EntryStatus.REJECTED)


class ProgrammeEntry(BaseModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="entries",
                                  verbose_name="项目活动")
    entry_type = models.ForeignKey(ProgrammeEntryType, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="entries", verbose_name="报名类型")
    captain = models.ForeignKey("students.Student", on_delete=models.PROTECT, related_name="programme_entries",
                                verbose_name="报名人/队长")
    team_name = models.CharField("团队名称", max_length=50, blank=True)
    advisor_name = models.CharField("指导教师", max_length=50, blank=True)
    advisor_contact = models.CharField("指导教师联系方式", max_length=50, blank=True)
    note = models.CharField("报名说明", max_length=500, blank=True)
    attachment = models.FileField("报名附件", upload_to=programme_file_path, storage=private_storage, blank=True,
                                  max_length=200)
    status = models.CharField("状态", max_length=10, choices=EntryStatus.choices, default=EntryStatus.FORMING,
                              db_index=True)
    review_note = models.CharField("审核意见", max_length=200, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="审核人")

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_major_lookup = "captain__major"  # the captain's college owns (and reviews) the entry

    class Meta:
        verbose_name = verbose_name_plural = "项目活动报名"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        who = self.team_name or self.captain.name
        return f"{self.programme.title}：{who}"


class MemberRole(models.TextChoices):
    CAPTAIN = "captain", "队长"
    MEMBER = "member", "队员"


class ProgrammeEntryMember(BaseModel):
    entry = models.ForeignKey(ProgrammeEntry, on_delete=models.CASCADE, related_name="members",
                              verbose_name="报名")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+", verbose_name="项目活动")
    student = models.ForeignKey("students.Student", on_delete=models.PROTECT, related_name="programme_memberships",
                                verbose_name="学生")
    role = models.CharField("角色", max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    declined_at = models.DateTimeField("拒绝时间", null=True, blank=True)
    # False once the member declined, was removed, or the entry was withdrawn: the student is free again.
    active = models.BooleanField("有效", default=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_major_lookup = "student__major"

    class Meta:
        verbose_name = verbose_name_plural = "项目活动团队成员"
        ordering = ["entry", "-role", "pk"]  # 队长 first ("captain" > "member" reversed)
        constraints = [
            models.UniqueConstraint(fields=["programme", "student"], condition=Q(active=True),
                                    name="programme_one_entry_per_student"),
        ]

    def __str__(self):
        return f"{self.student.name}（{self.get_role_display()}）"

    @property
    def state_label(self):
        if self.declined_at:
            return "已拒绝"
        if not self.active:
            return "已移出"
        return "已确认" if self.confirmed_at else "待确认"
