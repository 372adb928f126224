"""职位智能匹配 (manual 2.9, 4.3): each night, posts approved the previous day are matched against
students' résumés and expectations; each student gets at most N best new matches the next day.

`JobMatch` (student, job) is unique, so a job is never sent to a student twice and a second run of
the same night adds nothing. `MatchRun` records each night's run (one row per date) with its figures.
"""

from django.db import models

from careers.core.scoping import ScopedQuerySet


class MatchRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    run_date = models.DateField("匹配日期", unique=True, help_text="匹配此日前一天审核通过的职位")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    jobs = models.PositiveIntegerField("职位数", default=0)
    students = models.PositiveIntegerField("参与学生数", default=0)
    matches = models.PositiveIntegerField("匹配数", default=0)
    notified = models.PositiveIntegerField("通知学生数", default=0)
    error = models.TextField("错误", blank=True)

    objects = ScopedQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "职位匹配记录"
        ordering = ["-run_date"]


class JobMatch(models.Model):
    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="job_matches",
                                verbose_name="学生")
    job = models.ForeignKey("recruitment.Job", on_delete=models.CASCADE, related_name="matches",
                            verbose_name="职位")
    run = models.ForeignKey(MatchRun, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="匹配批次")
    score = models.FloatField("匹配度")
    reasons = models.JSONField("匹配理由", default=list, blank=True)
    created_at = models.DateTimeField("匹配时间", auto_now_add=True)
    notified_at = models.DateTimeField("通知时间", null=True, blank=True)

    scope_major_lookup = "student__major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "职位匹配"
        ordering = ["-created_at", "-score"]
        indexes = [models.Index(fields=["-created_at", "-score"], name="jobmatch_list_order")]  # the list's order
        constraints = [models.UniqueConstraint(fields=["student", "job"], name="uniq_job_match")]


class MatchOptOut(models.Model):
    """A student who asked not to receive matched jobs."""

    student = models.OneToOneField("students.Student", on_delete=models.CASCADE, related_name="match_opt_out",
                                   verbose_name="学生")
    created_at = models.DateTimeField("退订时间", auto_now_add=True)

    scope_major_lookup = "student__major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "职位推送退订"
