"""WeChat Pay notifications (issue 18: 1,000 payment notifications with 10% duplicates → each order paid once).

Builds 1,000 units of one fair, each with an unpaid 微信支付 费用订单 and its open Native transaction (rows in bulk;
the fake WeChat Pay is told about the same orders), with 微信商户设置 pointing at the fake on 127.0.0.1 (platform
certificates fetched from it once). The fake then "pays" every order and builds its notification — signed with the
platform key and resource-encrypted with the API v3 key, exactly as WeChat — and 100 of them are sent twice (the same
notification id, as WeChat's retries). 800 go one by one through the notify endpoint (Django test client); the
last 300 (with their duplicates) are sent by 6 threads at once, so copies of one notification race each other.
Works on SQLite (writers serialise) and PostgreSQL (row locks).

Prints the orders not paid exactly once (not paid, paid twice in the order history, more than one 确认收款 log entry,
or a non-2xx answer) — target 0 — and the p95 time of one notification.
"""

ORDER = 60

import random
import threading
import time

from bench.common import admitted_employers, line

UNITS = 1000
DUPLICATES = 100
CONCURRENT = 300
THREADS = 6
TARGET_P95_MS = 100


def build(fake):
    import datetime

    from django.utils import timezone

    from careers.core.bulk import fast_insert
    from careers.events.models import Fair, Order, Participation
    from careers.wechat.account.models import WechatAccount
    from careers.wechat.fake.pay_demo_keys import (DEMO_API_V3_KEY, DEMO_CERT_SERIAL, DEMO_MCH_ID,
                                                    DEMO_MERCHANT_PRIVATE_KEY)
    from careers.wechat.pay.models import MerchantSettings, PayTransaction

    WechatAccount.objects.update_or_create(pk=1, defaults=dict(name="压测服务号", app_id="wxbench0000000001",
                                                                app_secret="x" * 32, token="benchtoken",
                                                                enabled=True))
    MerchantSettings.objects.update_or_create(pk=1, defaults=dict(
        mch_id=DEMO_MCH_ID, api_v3_key=DEMO_API_V3_KEY, cert_serial_no=DEMO_CERT_SERIAL,
        private_key=DEMO_MERCHANT_PRIVATE_KEY, enabled=True))
    now = timezone.now()
    employers = admitted_employers(UNITS, name=lambda i: f"微信支付压测{i}号有限公司")
    fair = Fair.objects.create(title="微信支付压测双选会", starts_at=now + datetime.timedelta(days=10),
                               ends_at=now + datetime.timedelta(days=10, hours=7), publish_at=now, place="体育馆",
                               apply_deadline=now + datetime.timedelta(days=5), status="published",
                               payment_methods=["wechat"])
    units = fast_insert(Participation, [Participation(
        fair=fair, employer=e, status="confirmed", booths_requested=1, contact_person="王",
        contact_phone="13800000000", attendees=[], reviewed_at=now, amount_due=800 + i % 7) for i, e in
        enumerate(employers)])
    orders = fast_insert(Order, [Order(number=f"FRBENCH{p.pk:012d}", participation=p, description="参会费用",
                                       amount_fen=int(p.amount_due * 100), method="wechat") for p in units])
    txs = fast_insert(PayTransaction, [PayTransaction(
        out_trade_no=f"{o.number}N01", order=o, trade_type="NATIVE", amount_fen=o.amount_fen, description="参会费用",
        code_url="weixin://wxpay/bizpayurl?pr=bench", expires_at=now + datetime.timedelta(hours=2)) for o in orders])
    for tx in txs:
        fake.pay_orders[tx.out_trade_no] = {
            "out_trade_no": tx.out_trade_no, "appid": "wxbench0000000001", "mchid": DEMO_MCH_ID,
            "trade_type": "NATIVE", "total": tx.amount_fen, "description": "参会费用", "notify_url": "",
            "openid": "", "trade_state": "NOTPAY", "transaction_id": "", "success_time": "", "code_url": "",
            "prepay_id": "", "refunded": 0, "time_expire": ""}
    return [o.pk for o in orders], [tx.out_trade_no for tx in txs]


def count_mismatches(order_pks, statuses):
    from django.db.models import Count

    from careers.core.models import OperationLog
    from careers.events.models import Order

    paid = set(Order.objects.filter(pk__in=order_pks, status="paid").values_list("pk", flat=True))
    history = dict(Order.history.filter(id__in=order_pks, status="paid").values("id").annotate(n=Count("history_id"))
                   .values_list("id", "n"))
    logs = dict(OperationLog.objects.filter(module="参会费用", action="pay", object_type="events.order")
                .values("object_id").annotate(n=Count("id")).values_list("object_id", "n"))
    bad = {pk for pk in order_pks if pk not in paid or history.get(pk) != 1 or logs.get(str(pk)) != 1}
    return len(bad) + sum(1 for s in statuses if not 200 <= s < 300)


def run():
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from careers.wechat.fake.server import FakeWechat
    from careers.wechat.pay import client as pay_client

    rng = random.Random(18)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    with FakeWechat(mch_id="1900000109") as fake:
        settings.WECHATPAY_API_BASE = fake.url
        pay_client._cache.clear()
        order_pks, numbers = build(fake)
        pay_client.pay_client()  # platform certificates, once (as a running site has them)
        url = reverse("wechat_site:pay_notify")
        for number in numbers:
            fake.pay(number, send=False)
        jobs = []
        for number in numbers:
            headers, body = fake.pay_notification(number)
            meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
            jobs.append((meta, body.encode()))
        jobs += rng.sample(jobs, DUPLICATES)
        rng.shuffle(jobs)
        serial, parallel = jobs[:-CONCURRENT], jobs[-CONCURRENT:]
        times, statuses, lock = [], [], threading.Lock()

        def send(client, meta, body):
            start = time.perf_counter()
            status = client.post(url, data=body, content_type="application/json", **meta).status_code
            elapsed = time.perf_counter() - start
            with lock:
                times.append(elapsed)
                statuses.append(status)

        client = Client()
        for meta, body in serial:
            send(client, meta, body)
        serial_times = sorted(times)

        def worker(chunk):
            try:
                own = Client()
                for meta, body in chunk:
                    send(own, meta, body)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(parallel[i::THREADS],)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    mismatches = count_mismatches(order_pks, statuses)
    concurrent_times = sorted(times[len(serial_times):])
    line("wechat pay notifications paid exactly once", mismatches, "count", 0,
         note=f"{len(times)} notifications incl. {DUPLICATES} duplicates, {len(concurrent_times)} by {THREADS} threads")
    line("wechat pay notification p95", round(p95_ms(serial_times), 1), "ms", TARGET_P95_MS)
    # the threads share one process (and its GIL): their wall times include waiting for each other
    line(f"wechat pay notification p95 with {THREADS} threads in one process", round(p95_ms(concurrent_times), 1),
         "ms")


def p95_ms(times):
    return times[max(0, int(len(times) * 0.95) - 1)] * 1000 if times else 0
