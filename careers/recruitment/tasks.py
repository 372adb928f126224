"""The app's Celery tasks (app-wide: Celery's autodiscovery imports `<app>.tasks`); the work itself lives in
the area (matching/run.py)."""

import datetime

from celery import shared_task


@shared_task(name="recruitment.match_new_jobs", acks_late=True, ignore_result=True)
def match_new_jobs(run_date=None, acting_user_id=None):
    """Nightly (beat, 07:30 Asia/Shanghai): match the posts approved yesterday; safe to run twice.

    `run_date` is an ISO date string or a date (default: today, local time)."""
    from careers.accounts.models import User

    from .matching.run import run_matching

    if isinstance(run_date, str):
        run_date = datetime.date.fromisoformat(run_date)
    user = User.objects.filter(pk=acting_user_id).first() if acting_user_id else None
    run = run_matching(run_date, acting_user=user)
    return f"{run.run_date}:{run.status}:{run.matches}"
