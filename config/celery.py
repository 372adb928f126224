import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("careers")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work (run `celery -A config beat` in production).
app.conf.beat_schedule = {
    # retries and deliveries whose worker died
    "deliver-due-messages": {"task": "core.deliver_due_messages", "schedule": 60.0},
    "purge-stale-files": {"task": "careers.core.tasks.purge_stale_files", "schedule": 24 * 3600.0},
    # 就业快照: each day's outcomes, so rates "as of" a date can be reproduced later
    "take-outcome-snapshots": {"task": "careers.reports.tasks.take_daily_snapshots",
                               "schedule": crontab(hour=23, minute=55)},
    # 就业动态统计表's per-major counts, which the page reads during the next day (实时重算 on demand)
    "take-ledger-snapshots": {"task": "careers.followup.tasks.take_daily_snapshots",
                              "schedule": crontab(hour=23, minute=50)},
    # 职位智能匹配: posts approved yesterday, to students in the morning (idempotent per date)
    "match-new-jobs": {"task": "recruitment.match_new_jobs", "schedule": crontab(hour=7, minute=30)},
    # 活动提醒 (issue 6, stats): tomorrow's talks and fairs, to registered students (idempotent)
    "send-event-reminders": {"task": "events.send_event_reminders", "schedule": crontab(hour=18, minute=0)},
    # 预约咨询 (issue 16): tomorrow's confirmed sessions, to the student and the adviser (idempotent)
    "send-counseling-reminders": {"task": "counseling.send_reminders", "schedule": crontab(hour=18, minute=5)},
    # 微信支付 (issue 18, pay): transactions whose notification never came — query, mark paid, close expired
    "wechat-pay-reconcile": {"task": "wechat.pay_reconcile", "schedule": 300.0},
}

# -- wechat core: callback receipts only matter while WeChat may retry a push (careers/wechat/callback/tasks.py)
app.conf.beat_schedule["purge-wechat-callback-receipts"] = {"task": "wechat.purge_callback_receipts",
                                                             "schedule": crontab(hour=3, minute=40)}
# 每日宣讲会提醒 (issue 18, wechat reminders): today's talks, to the students who turned it on (idempotent per day)
app.conf.beat_schedule["send-daily-talks"] = {"task": "wechat.send_daily_talks",
                                              "schedule": crontab(hour=7, minute=30)}
