import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from careers.core.models import Job
from careers.core.retention import purge_stale_files

pytestmark = pytest.mark.django_db


def test_old_uploads_and_results_are_purged(school_admin):
    old = default_storage.save("imports/" + "a" * 32 + "/source.csv", ContentFile(b"x"))
    fresh = default_storage.save("imports/" + "b" * 32 + "/source.csv", ContentFile(b"y"))
    week_ago = (timezone.now() - timedelta(days=8)).timestamp()
    os.utime(default_storage.path(old), (week_ago, week_ago))
    job = Job.objects.create(kind="export", label="旧导出", created_by=school_admin)
    job.result_file.save(f"{job.pk}/out.xlsx", ContentFile(b"z"))
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert purge_stale_files() == (1, 1)
    assert not default_storage.exists(old) and default_storage.exists(fresh)
    job.refresh_from_db()
    assert not job.result_file and "保存期限" in job.message
    default_storage.delete(fresh)


def test_import_menu_shows_for_any_import_permission(client, college_admin):
    from careers.core.permissions import registry

    assert "core.import.index" not in registry.all_codes()
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert 'data-menu="core.import.index"' not in client.get("/").content.decode()
    college_admin.is_superuser = True
    college_admin.save()
    assert 'data-menu="core.import.index"' in client.get("/").content.decode()
