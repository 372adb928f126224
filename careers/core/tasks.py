from celery import shared_task


@shared_task(bind=True, acks_late=True)
def run_job(self, job_id):
    """Run a `Job` by id; handlers are looked up in `careers.core.jobs.HANDLERS`."""
    from . import jobs

    jobs.execute(job_id)


@shared_task
def purge_stale_files():
    """Daily: uploads and export files older than a week hold student data we no longer need."""
    from .retention import purge_stale_files as purge

    return purge()
