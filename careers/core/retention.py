"""Private uploads and job results are kept for a limited time, then deleted."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from .imports.session import ROOT as IMPORT_ROOT
from .models import Job

KEEP_DAYS = 7


def purge_stale_files(now=None, keep_days=KEEP_DAYS):
    """Delete import uploads and job result files older than `keep_days`; returns counts."""
    cutoff = (now or timezone.now()) - timedelta(days=keep_days)
    removed_imports = 0
    try:
        folders, _ = default_storage.listdir(IMPORT_ROOT)
    except FileNotFoundError:
        folders = []
    for token in folders:
        folder = f"{IMPORT_ROOT}/{token}"
        _, files = default_storage.listdir(folder)
        if files and all(default_storage.get_modified_time(f"{folder}/{name}") < cutoff for name in files):
            for name in files:
                default_storage.delete(f"{folder}/{name}")
            removed_imports += 1
    removed_results = 0
    for job in Job.objects.filter(created_at__lt=cutoff).exclude(result_file=""):
        job.result_file.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result_file="", message="结果文件已超过保存期限并被删除")
        removed_results += 1
    return removed_imports, removed_results
