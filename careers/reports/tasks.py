from celery import shared_task


@shared_task
def take_daily_snapshots():
    """Daily (beat, 23:55): freeze today's outcomes of the cohorts still being tracked."""
    from .snapshots import take_daily_snapshots as take

    return [f"{s.graduation_year}:{s.taken_on}:{s.graduates}" for s in take()]
