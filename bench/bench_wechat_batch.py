"""批量消息 over WeChat at scale (issue 18's performance section): a 10,000-recipient batch against the fake WeChat at
the configured send rate (settings.MESSAGE_RATE_LIMITS["wechat"], WECHAT_RATE_PER_SECOND), with the worker — a real
separate process running core's delivery loop — SIGKILLed halfway, then finished by resuming (fresh worker
processes once the dead worker's claims expire, as the periodic sweep or 立即发送 would). WeChat's side pushes a
TEMPLATESENDJOBFINISH result for every template it accepted, as the real one does.

The figures come from the fake's own record of the template sends it received (fake.sent_templates): duplicates
(a recipient who got it twice) and lost (a recipient who never got it), both must be 0; and the send throughput of
the working phases (the deliberate wait for the dead worker's lease is left out) against the configured rate.

On SQLite the bench database is a file (WAL), so the worker is a real separate process there too; the claim lease
(5 s) and the in-doubt grace (10 s) are shortened for the bench (production: 10 minutes each).
"""

ORDER = 80

import time

from bench.common import line

RECIPIENTS = 10_000
WORKERS = 4  # Celery worker processes sharing the rate budget; one of them is killed
LEASE = 5.0
GRACE = 10.0


def build(count):
    """`count` student accounts with bound, subscribed WeChat identities, and one batch Message to all of them."""
    from django.contrib.auth import get_user_model

    from careers.core.messaging import service
    from careers.wechat.batches.models import BatchSend, BatchState
    from careers.wechat.binding.models import BindingSource, WechatBinding

    User = get_user_model()
    users = User.objects.bulk_create([
        User(username=f"wxbatch{i:06d}", name=f"批量学生{i}", kind=User.Kind.STUDENT, password="!",
             must_change_password=False) for i in range(count)], batch_size=2000)
    users = list(User.objects.filter(username__startswith="wxbatch").only("pk"))
    WechatBinding.objects.bulk_create([
        WechatBinding(user_id=u.pk, openid=f"obench{u.pk:010d}", source=BindingSource.DEMO) for u in users],
        batch_size=2000)
    queued = service.queue_delivery
    service.queue_delivery = lambda message_id: None  # the bench's worker process delivers it, not eager Celery
    try:
        message = service.send_message(recipients=User.objects.filter(username__startswith="wxbatch"),
                                       subject="就业双选会通知", body="本周五在体育馆举行，请携带简历。",
                                       channels=("wechat",), kind="batch")
    finally:
        service.queue_delivery = queued
    BatchSend.objects.create(title="就业双选会通知（基准）", body=message.body, channels=["wechat"], message=message,
                             state=BatchState.RUNNING, total=count)
    return message, [f"obench{u.pk:010d}" for u in users]


def run():
    from django.conf import settings

    from careers.wechat.account.models import MessageMode, WechatAccount
    from careers.wechat.fake.server import FakeWechat
    from tests.wechat.batch_support import (
        duplicates_and_lost,
        explain_duplicates,
        install_client,
        install_render,
        kill_and_resume,
        prepare_fake,
    )
    from tests.wechat.conftest import AES_KEY, APP_ID, APP_SECRET, TOKEN

    rate = float((settings.MESSAGE_RATE_LIMITS or {}).get("wechat") or 50)
    with FakeWechat(app_id=APP_ID, app_secret=APP_SECRET, token=TOKEN, encoding_aes_key=AES_KEY) as fake:
        prepare_fake(fake)
        settings.WECHAT_FAKE_URL = fake.url
        settings.WECHAT_API_BASE = settings.WECHAT_OPEN_BASE = settings.WECHAT_MP_BASE = fake.url + "/"
        settings.WECHATPAY_API_BASE = fake.url
        WechatAccount.objects.update_or_create(pk=1, defaults=dict(
            name="基准测试服务号", original_id="gh_0123456789ab", app_id=APP_ID, app_secret=APP_SECRET, token=TOKEN,
            encoding_aes_key=AES_KEY, message_mode=MessageMode.SAFE, enabled=True))
        install_client()
        install_render()
        message, openids = build(RECIPIENTS)
        prepare_fake(fake)  # the fake WeChat knows its followers: the openids just bound (unknown ones are 40003)
        started = time.monotonic()
        result = kill_and_resume(fake, message.pk, kill_after=RECIPIENTS // 2, lease=LEASE, grace=GRACE, rate=rate,
                                 timeout=RECIPIENTS / rate * 4 + 120, workers=WORKERS)
        total = time.monotonic() - started
        duplicates, lost = duplicates_and_lost(fake, openids)
        if duplicates:
            print(explain_duplicates(fake), flush=True)
    working = sum(seconds for seconds, _ in result["phases"]) or 1.0
    throughput = len(set(openids)) / working if not lost else (RECIPIENTS - lost) / working
    note = (f"1 of {WORKERS} worker processes SIGKILLed after {result['sent_at_kill']} sends; "
            f"{len(result['phases']) - 1} resume run(s)")
    line(f"wechat batch {RECIPIENTS} duplicates", duplicates, "count", 0, note=note)
    line(f"wechat batch {RECIPIENTS} lost", lost, "count", 0)
    line(f"wechat batch {RECIPIENTS} throughput", round(throughput, 1), "sends/s", round(rate * 0.8, 1), op=">=",
         note=f"configured rate {rate:g}/s; {total:.0f} s in all with the {result['lease_wait']:.0f} s lease wait")
