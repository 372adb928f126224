"""就业跟踪台账: per-student follow-up entries, 动态统计表, 导出学生详细数据 (manual 6.1).

College staff record each contact with a graduate: how, what the situation is (求职状态),
which 困难帮扶 categories apply, what help was given and what comes next. A student's
*latest* entry (by contact date, then by entry order) is their current status; lists and the
dynamic statistics annotate it with one subquery per student (see `queries.py`).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet
from careers.students.models import Student


class LedgerStudent(Student):
    """The ledger's view of a student: its own menu and export permissions (followup.ledgerstudent.*)."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "就业跟踪台账"


class FollowUpEntry(BaseModel):
    """跟踪记录: one contact (or attempt) with a graduate."""

    class Method(models.TextChoices):
        PHONE = "phone", "电话"
        WECHAT = "wechat", "微信"
        MEETING = "meeting", "面谈"
        EMAIL = "email", "邮件"
        OTHER = "other", "其他"

    class Situation(models.TextChoices):
        SIGNED = "signed", "已签约"
        OFFERED = "offered", "已落实待签约"
        SEEKING = "seeking", "求职中"
        STUDY = "study", "升学备考"
        CIVIL_SERVICE = "civil_service", "考公考编"
        NOT_SEEKING = "not_seeking", "暂不就业"
        UNREACHABLE = "unreachable", "未联系上"
        OTHER = "other", "其他"

    class Difficulty(models.TextChoices):
        POVERTY = "poverty", "家庭经济困难"
        DISABILITY = "disability", "残疾"
        ETHNIC_MINORITY = "ethnic_minority", "少数民族"
        ZERO_EMPLOYMENT = "zero_employment", "零就业家庭"
        SUBSISTENCE = "subsistence", "低保家庭"
        LONG_TERM = "long_term", "长期未就业"
        PSYCHOLOGICAL = "psychological", "心理困扰"
        OTHER = "other", "其他"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="followups", verbose_name="学生")
    contacted_on = models.DateField("联系日期")
    method = models.CharField("联系方式", max_length=10, choices=Method.choices, default=Method.PHONE)
    situation = models.CharField("求职状态", max_length=20, choices=Situation.choices)
    # A list of Difficulty codes: JSON keeps it one column on SQLite and PostgreSQL alike;
    # `has_difficulty` mirrors "list not empty" so lists can filter on it cheaply.
    difficulties = models.JSONField("困难帮扶类别", default=list, blank=True)
    has_difficulty = models.BooleanField("有困难帮扶", default=False, editable=False)
    help_given = models.TextField("帮扶措施", blank=True)
    next_step = models.TextField("下一步计划", blank=True)
    next_contact_on = models.DateField("下次联系日期", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="记录人")

    scope_major_lookup = "student__major"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "跟踪记录"
        ordering = ["-contacted_on", "-pk"]
        indexes = [
            # the latest entry of a student: WHERE student_id = ? ORDER BY contacted_on DESC, id DESC LIMIT 1
            models.Index(fields=["student", "-contacted_on", "-id"], name="followup_latest_idx"),
        ]

    def __str__(self):
        return f"{self.student} {self.contacted_on:%Y-%m-%d} {self.get_situation_display()}"

    @property
    def difficulty_labels(self):
        return difficulty_labels(self.difficulties)

    def earliest_contact_date(self):
        """Follow-up of a cohort starts in the year before graduation (the autumn job season)."""
        return datetime.date(self.student.graduation_year - 1, 1, 1)

    def clean(self):
        self.difficulties = normalize_difficulties(self.difficulties)
        self.has_difficulty = bool(self.difficulties)
        errors = {}
        today = timezone.localdate()
        if self.contacted_on:
            if self.contacted_on > today:
                errors["contacted_on"] = f"联系日期不能晚于今天（{today:%Y-%m-%d}）。"
            elif self.student_id and self.contacted_on < self.earliest_contact_date():
                errors["contacted_on"] = (f"联系日期不能早于 {self.earliest_contact_date():%Y-%m-%d}"
                                          f"（{self.student.graduation_year}届毕业生从毕业前一年开始跟踪）。")
        if self.next_contact_on and self.contacted_on and self.next_contact_on < self.contacted_on:
            errors["next_contact_on"] = "下次联系日期不能早于本次联系日期。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.difficulties = normalize_difficulties(self.difficulties)
        self.has_difficulty = bool(self.difficulties)
        super().save(*args, **kwargs)


DIFFICULTY_LABELS = dict(FollowUpEntry.Difficulty.choices)
SITUATION_LABELS = dict(FollowUpEntry.Situation.choices)
METHOD_LABELS = dict(FollowUpEntry.Method.choices)


def normalize_difficulties(values):
    """Known codes only, each once, in the order of the choices (so equal lists compare equal)."""
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    unknown = [v for v in values if v not in DIFFICULTY_LABELS]
    if unknown:
        raise ValidationError({"difficulties": f"未知的困难帮扶类别：{'、'.join(map(str, unknown))}。"})
    chosen = set(values)
    return [code for code in DIFFICULTY_LABELS if code in chosen]


def difficulty_labels(values):
    return "、".join(DIFFICULTY_LABELS.get(v, v) for v in (values or []))


class LedgerSnapshot(models.Model):
    """跟踪统计快照: a graduation year's 动态统计表 counted for a day (the rows are LedgerAggregate), so the page
    reads a few rows per major instead of the cohort's latest entries; taken nightly (tasks.py)."""

    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    taken_on = models.DateField("快照日期")
    taken_at = models.DateTimeField("生成时间")

    class Meta:
        verbose_name = verbose_name_plural = "跟踪统计快照"
        constraints = [models.UniqueConstraint(fields=["graduation_year", "taken_on"], name="uniq_ledger_snapshot_day")]

    def __str__(self):
        return f"{self.graduation_year}届 {self.taken_on:%Y-%m-%d} 跟踪统计快照"


class LedgerAggregate(models.Model):
    """One major's counts of a LedgerSnapshot ({count key: n}, statistics.COUNT_KEYS): keyed by major, so a
    college admin's table sums their managed majors only, exactly as the live table."""

    snapshot = models.ForeignKey(LedgerSnapshot, on_delete=models.CASCADE, related_name="rows", verbose_name="快照",
                                 db_index=False)
    major = models.ForeignKey("org.Major", on_delete=models.CASCADE, related_name="+", verbose_name="专业")
    counts = models.JSONField("人数", default=dict)

    scope_major_lookup = "major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "跟踪统计汇总"
        indexes = [models.Index(fields=["snapshot", "major"], name="followup_ledgeragg_snap_major")]

    def __str__(self):
        return f"{self.snapshot_id} {self.major_id}"
