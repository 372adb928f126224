"""就业数据统计: placement, knowledge and career-outcomes rates, snapshots, statistics items, 就业市场信息统计.

Rates are computed live from the students and their employment records (careers/reports/rates.py).
So that a rate "as of 1 Sept" can be reproduced later, the outcomes are also frozen once a day into
aggregated snapshot rows: one `Snapshot` per (graduation year, day) and its `OutcomeSnapshot` rows.
"""

from django.conf import settings
from django.db import models

from careers.core.scoping import ScopedQuerySet


class Snapshot(models.Model):
    """就业快照: that a graduation year's outcomes were frozen on a day (the rows are OutcomeSnapshot).

    Re-taking a day replaces its rows; this row is locked meanwhile so two takes never interleave.
    """

    class Source(models.TextChoices):
        SCHEDULE = "schedule", "每日定时"
        MANUAL = "manual", "手动生成"
        DEMO = "demo", "演示数据"

    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    taken_on = models.DateField("快照日期")
    taken_at = models.DateTimeField("生成时间")
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name="生成人")
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.SCHEDULE)
    graduates = models.PositiveIntegerField("毕业生人数", default=0)
    rows = models.PositiveIntegerField("汇总行数", default=0)
    # RateAggregate rows were written with this snapshot (snapshots taken before they existed have none:
    # their rates are summed from the OutcomeSnapshot rows instead)
    aggregated = models.BooleanField("已汇总就业率", default=False)
    # BreakdownAggregate rows were written too (the 数据统计 就业 items read them while the snapshot is current)
    breakdowns = models.BooleanField("已汇总就业分布", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "就业快照"
        ordering = ["-taken_on", "-graduation_year"]
        constraints = [models.UniqueConstraint(fields=["graduation_year", "taken_on"], name="uniq_snapshot_day")]

    def __str__(self):
        return f"{self.graduation_year}届 {self.taken_on:%Y-%m-%d} 快照"


class OutcomeSnapshot(models.Model):
    """One aggregated row of a snapshot: how many graduates of a major, education level, sex and
    province of origin had a destination (approved or not) on `taken_on`.

    `placed` keeps whether the destination counted as placed on that day, so a later edit of the
    destination code table cannot change a reproduced rate.
    """

    taken_on = models.DateField("快照日期")
    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    major = models.ForeignKey("org.Major", on_delete=models.CASCADE, related_name="+", verbose_name="专业")
    education_level = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+",
                                        verbose_name="学历")
    gender = models.CharField("性别", max_length=1)
    origin_province = models.CharField("生源地（省级代码）", max_length=6, blank=True)
    destination = models.ForeignKey("codes.Code", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="毕业去向")
    approved = models.BooleanField("已审核", default=False)
    placed = models.BooleanField("计入落实", default=False)
    count = models.PositiveIntegerField("人数")

    scope_major_lookup = "major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "就业快照明细"
        indexes = [models.Index(fields=["graduation_year", "taken_on"], name="reports_snapshot_year_day")]

    def __str__(self):
        return f"{self.graduation_year}届 {self.taken_on} {self.major_id} × {self.count}"


class RateAggregate(models.Model):
    """The 就业率统计 page's figures of a snapshot, pre-summed: graduates / known / placed per major
    (grain "major", `key` empty), per major and sex ("gender", `key` = sex) and per major and province of
    origin ("origin", `key` = province code, empty when unknown).

    OutcomeSnapshot keeps one row per destination, which at one-cohort scale is nearly one row per student;
    these rows are at most a few per major, so the page reads a few thousand rows instead of summing
    ~150,000. They are keyed by major so that a college admin's figures are summed over their managed
    majors only (scoped like OutcomeSnapshot). Written by take_snapshot in the same transaction.
    """

    class Grain(models.TextChoices):
        MAJOR = "major", "专业"
        GENDER = "gender", "性别"
        ORIGIN = "origin", "生源地"

    # no index of its own: the (snapshot, grain, major) index below serves it (with both, PostgreSQL took
    # this one and filtered the grain out of ten times the rows)
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="aggregates",
                                 verbose_name="快照", db_index=False)
    grain = models.CharField("汇总粒度", max_length=6, choices=Grain.choices)
    major = models.ForeignKey("org.Major", on_delete=models.CASCADE, related_name="+", verbose_name="专业")
    education_level = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+",
                                        verbose_name="学历")
    key = models.CharField("分组", max_length=6, blank=True)
    graduates = models.PositiveIntegerField("毕业生人数", default=0)
    known = models.PositiveIntegerField("去向已知人数", default=0)
    placed = models.PositiveIntegerField("落实人数", default=0)

    scope_major_lookup = "major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "就业率汇总"
        indexes = [models.Index(fields=["snapshot", "grain", "major"], name="reports_rateagg_snap_grain")]

    def __str__(self):
        return f"{self.snapshot_id} {self.grain} {self.major_id} {self.key} {self.placed}/{self.graduates}"


class BreakdownAggregate(models.Model):
    """The 数据统计 就业 items' figures of a snapshot, pre-counted: graduates per destination ("destination",
    key1 = the reviewed destination code, empty when none), and employed graduates (a job destination) per
    unit nature ("nature", key1 = code), industry ("industry", key1 = code) and 生源地省 × 单位所在地省 ("flow",
    key1/key2 = the provinces' code ids).

    Rows with a major are per major (a college admin sums those of their managed majors); rows without one
    are the whole school's sums (what a school admin reads: a few hundred rows instead of one per major and
    key). Labels are read from the code tables when shown, as the live items do. Written by take_snapshot."""

    class Grain(models.TextChoices):
        DESTINATION = "destination", "毕业去向"
        NATURE = "nature", "单位性质"
        INDUSTRY = "industry", "单位行业"
        FLOW = "flow", "地区流向"

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="breakdown_rows",
                                 verbose_name="快照", db_index=False)
    grain = models.CharField("汇总粒度", max_length=11, choices=Grain.choices)
    major = models.ForeignKey("org.Major", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                              verbose_name="专业")
    key1 = models.BigIntegerField("分组一", null=True, blank=True)
    key2 = models.BigIntegerField("分组二", null=True, blank=True)
    count = models.PositiveIntegerField("人数", default=0)

    scope_major_lookup = "major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "就业分布汇总"
        indexes = [models.Index(fields=["snapshot", "grain", "major"], name="reports_breakdown_snap_grain")]

    def __str__(self):
        return f"{self.snapshot_id} {self.grain} {self.major_id} {self.key1} {self.key2} {self.count}"
