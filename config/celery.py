import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("careers")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work (run `celery -A config beat` in production).
app.conf.beat_schedule = {
    # retries and deliveries whose worker died
    "deliver-due-messages": {"task": "core.deliver_due_messages", "schedule": 60.0},
    "purge-stale-files": {"task": "careers.core.tasks.purge_stale_files", "schedule": 24 * 3600.0},
}
