from celery import shared_task


@shared_task
def take_daily_snapshots():
    """Daily (beat, 23:50): count the 动态统计表 of the cohorts still being followed up."""
    from .snapshots import take_daily_snapshots as take

    return [f"{s.graduation_year}:{s.taken_on}" for s in take()]
