"""Demo 省系统比对 jobs (part of careers/employment/demo.py)."""

from django.utils import timezone


def seed_provincial_comparisons():
    """省系统比对 of the demo school admin: one failed (unreadable file) and one whose result file was
    cleaned up. Idempotent."""
    from careers.accounts.models import User
    from careers.core.models import Job

    from .jobs import COMPARE_KIND

    owner = User.objects.filter(username="10001").first()
    if owner is None or Job.objects.filter(kind=COMPARE_KIND, created_by=owner).exists():
        return
    now = timezone.now()
    Job.objects.create(kind=COMPARE_KIND, label="省系统比对（文件无法读取）", status=Job.Status.FAILED,
                       message="无法读取上传的文件，请上传省系统导出的 Excel 文件。", created_by=owner,
                       started_at=now, finished_at=now)
    Job.objects.create(kind=COMPARE_KIND, label="省系统比对（结果已清理）", status=Job.Status.SUCCEEDED,
                       message="比对完成", created_by=owner, total=100, progress=100, started_at=now, finished_at=now)
