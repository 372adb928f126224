"""简历投递 (manual 4.4): a student delivers one of their résumés to a job, once.

The employer sees the résumé as it was delivered (`snapshot`, so a later edit or deletion does not
change what the unit received) and moves the application through its statuses; the student sees the
status. Admins query and export deliveries within their managed majors.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class ApplicationQuerySet(ScopedQuerySet):
    def of_student(self, student):
        return self.filter(student=student)


class Application(BaseModel):
    class Status(models.TextChoices):
        DELIVERED = "delivered", "已投递"
        VIEWED = "viewed", "已查看"
        INTERVIEW = "interview", "邀请面试"
        OFFER = "offer", "录用"
        REJECTED = "rejected", "不合适"

    job = models.ForeignKey("recruitment.Job", on_delete=models.CASCADE, related_name="applications",
                            verbose_name="职位")
    employer = models.ForeignKey("recruitment.Employer", on_delete=models.CASCADE, related_name="applications",
                                 verbose_name="用人单位")  # = job.employer, kept for the unit's own list
    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="applications",
                                verbose_name="学生")
    resume = models.ForeignKey("resumes.Resume", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="applications", verbose_name="简历")
    snapshot = models.JSONField("投递时的简历内容", default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DELIVERED,
                              db_index=True)
    status_changed_at = models.DateTimeField("状态更新时间", null=True, blank=True)
    employer_note = models.CharField("单位留言", max_length=500, blank=True,
                                     help_text="如面试时间地点；学生可见")

    scope_major_lookup = "student__major"
    operating_year_field = "graduation_year"
    history = HistoricalRecords(excluded_fields=["snapshot"])
    objects = ApplicationQuerySet.as_manager()

    # The status machine (the employer's moves; opening a delivery marks it 已查看 by itself).
    # 录用 and 不合适 are final; 邀请面试 → 邀请面试 updates the time/place note.
    TRANSITIONS = {
        Status.DELIVERED: (Status.VIEWED, Status.INTERVIEW, Status.OFFER, Status.REJECTED),
        Status.VIEWED: (Status.INTERVIEW, Status.OFFER, Status.REJECTED),
        Status.INTERVIEW: (Status.INTERVIEW, Status.OFFER, Status.REJECTED),
        Status.OFFER: (),
        Status.REJECTED: (),
    }

    class Meta:
        verbose_name = verbose_name_plural = "简历投递"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["job", "student"], name="uniq_application_per_job")]
        indexes = [models.Index(fields=["employer", "-created_at"])]

    def __str__(self):
        return f"{self.snapshot.get('name') or self.student_id} → {self.job}"

    def can_move_to(self, status):
        return status in self.TRANSITIONS.get(self.status, ())

    @property
    def next_statuses(self):
        """The moves the employer may make now (已查看 is automatic, never offered as a button)."""
        return [self.Status(s) for s in self.TRANSITIONS.get(self.status, ()) if s != self.Status.VIEWED]
