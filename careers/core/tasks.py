"""Core's Celery tasks (Celery's autodiscovery looks for `tasks` modules)."""

from celery import shared_task

from .jobs import run_job  # noqa: F401  (declared beside the job machinery it runs)


@shared_task
def purge_stale_files():
    """Daily: uploads and export files older than a week hold student data we no longer need."""
    from .retention import purge_stale_files as purge

    return purge()
