"""What the reminders area contributes (imported by careers/wechat/registry.py):

- the Celery task `wechat.send_daily_talks` (beat: daily 07:30 Asia/Shanghai, config/celery.py): 每日宣讲会提醒.
"""

import datetime

from celery import shared_task


@shared_task(name="wechat.send_daily_talks", acks_late=True, ignore_result=True)
def send_daily_talks(today=None):
    """Daily (beat, 07:30): today's talks to the students who asked for them; safe to rerun."""
    from .digest import send_daily_talks as send

    if isinstance(today, str):
        today = datetime.date.fromisoformat(today)
    return str(send(today))
