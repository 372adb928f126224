"""Demo data for `make run`: one school, 2 campuses, 8 colleges, 40 majors, 2,000 students, and every
domain's variants on top.

Core only runs the steps: each app contributes its own in its `registry.py` with `demo_step(...)`, ordered by
stage (the school before its students, students before the accounts that manage them, then every app's
data in INSTALLED_APPS order). Deterministic (one seeded random generator shared by every step), so
screenshots and walkthroughs are repeatable, and idempotent (`make run` seeds on every start).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.db import transaction
from stdnum.cn import uscc

from .registry import Registry

DEMO_PASSWORD = "Careers#2026"

# Stages: a step runs after every step of an earlier stage (ties keep registration order).
SCHOOL, STUDENTS, ACCOUNTS, CORE, DATA = 10, 20, 30, 40, 50


@dataclass
class DemoContext:
    rng: random.Random
    years: tuple
    students_per_year: int
    accounts: list = field(default_factory=list)  # the staff and employer logins, printed by seed_demo
    logins: list = field(default_factory=list)  # extra (kind, username, name, note) lines for seed_demo
    shared: dict = field(default_factory=dict)  # what one step hands to later ones (e.g. "majors")


@dataclass(frozen=True)
class DemoStep:
    run: Callable[[DemoContext], None]
    stage: int


DEMO_STEPS: Registry[DemoStep] = Registry("demo step")


def demo_step(key, run, *, stage=DATA):
    """Register `run(ctx)` as the demo step `key` (e.g. "students.roster")."""
    DEMO_STEPS.register(key, DemoStep(run, stage))


def seed_step(key, module, *, stage=DATA):
    """Register the demo step `key` that calls `seed(rng, years)` of `module`, imported only when the demo is
    built (demo modules are not loaded in every process)."""

    def run(ctx):
        import_module(module).seed(ctx.rng, ctx.years)

    demo_step(key, run, stage=stage)


def demo_credit_code(serial):
    """A valid 统一社会信用代码 for demo employer number `serial`."""
    body = f"91110108{serial:09d}"
    return body + uscc.calc_check_digit(body)


@transaction.atomic
def run_demo(students_per_year=1000, years=(2026, 2027), seed=2026):
    """Run every registered demo step in stage order; the context they filled."""
    ctx = DemoContext(rng=random.Random(seed), years=tuple(years), students_per_year=students_per_year)
    steps = sorted(enumerate(DEMO_STEPS.values()), key=lambda pair: (pair[1].stage, pair[0]))
    for _, step in steps:
        step.run(ctx)
    return ctx


def build_demo(students_per_year=1000, years=(2026, 2027), seed=2026):
    """The demo school and every app's variants; the staff and employer accounts made."""
    return run_demo(students_per_year, years, seed).accounts


def seed_core_variants(ctx):
    """Messages (read, unread, a failed SMS) and background tasks in every state, for the demo accounts.
    Rows are made directly (no delivery is queued: `make db` runs without a worker). Idempotent."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from django.contrib.auth import get_user_model

    from .models import Job, Message, MessageDelivery

    User = get_user_model()
    admin = User.objects.get(username="10001")
    # The first student of the latest year who has an account.
    student_user = (User.objects.filter(student__graduation_year=max(ctx.years))
                    .order_by("student__pk").first() if ctx.years else None)
    recipients = [u for u in (User.objects.filter(username__in=["20001", demo_credit_code(1)]).order_by("pk"))]
    recipients += [student_user] if student_user else []
    now = timezone.now()
    if not Message.objects.filter(subject="关于做好2027届毕业生就业信息填报工作的通知").exists():
        notice = Message.objects.create(sender=admin, subject="关于做好2027届毕业生就业信息填报工作的通知",
                                        body="请各位同学于本月底前登录系统完善就业信息。", link="/",
                                        channels=["inbox", "sms"])
        for n, user in enumerate(recipients):
            MessageDelivery.objects.create(message=notice, recipient=user, channel="inbox",
                                           status=MessageDelivery.Status.SENT, sent_at=now,
                                           read_at=now if n % 2 else None)
            MessageDelivery.objects.create(message=notice, recipient=user, channel="sms",
                                           status=MessageDelivery.Status.FAILED if n == 0 else
                                           MessageDelivery.Status.SENT, attempts=3 if n == 0 else 1,
                                           error="手机号码为空" if n == 0 else "", sent_at=None if n == 0 else now)
    for owner in User.objects.filter(username__in=["10001", "20001"]).order_by("pk"):
        if Job.objects.filter(created_by=owner, kind="export").exists():
            continue
        for status, message in ((Job.Status.SUCCEEDED, "导出完成"), (Job.Status.FAILED, "导出失败：数据库连接中断"),
                                (Job.Status.RUNNING, "已导出 400/1000 行"), (Job.Status.PENDING, "")):
            job = Job(kind="export", label=f"导出学生信息（{Job.Status(status).label}）", status=status,
                      message=message, created_by=owner, total=1000, attempts=1,
                      progress={"succeeded": 1000, "running": 400}.get(status, 0),
                      params={"demo": True}, started_at=now if status != Job.Status.PENDING else None,
                      finished_at=now if status in (Job.Status.SUCCEEDED, Job.Status.FAILED) else None)
            if status == Job.Status.SUCCEEDED:
                job.result_file.save("学生信息.csv", ContentFile("学号,姓名\n".encode("utf-8-sig")), save=False)
            job.save()
