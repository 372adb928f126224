"""The WeChat callback endpoint (/wechat/callback/) under WeChat's own pushes: ≥ 500 signed and AES-encrypted
(safe mode) text messages and events from 200 simulated users, through the test client — signature and timestamp
checks, safe XML parsing, decryption, the receipt insert (de-duplication), dispatch to every registered handler and
the encrypted reply. Each push is timed on its own; the figure is the p95 (WeChat gives up after 5 s).
"""

import statistics
import time
import types

from bench.common import line

PUSHES = 600
WARMUP = 30


def run():
    from django.test import Client

    from careers.wechat.account.models import CallbackReceipt, MessageMode, WechatAccount
    from careers.wechat.fake import official

    values = dict(name="基准公众号", original_id="gh_bench00000001", app_id="wxbench0000000001",
                  app_secret="benchsecret0000000000000000000001", token="BenchToken0000000000000000000001",
                  encoding_aes_key=("BenchAesKey" + "0" * 43)[:43], message_mode=MessageMode.SAFE,
                  enabled=True)
    WechatAccount.objects.update_or_create(pk=1, defaults=values)
    # official.signed_push only reads these attributes: no server is needed to sign and encrypt like WeChat
    fake = types.SimpleNamespace(app_id=values["app_id"], token=values["token"], original_id=values["original_id"],
                                 encoding_aes_key=values["encoding_aes_key"], message_mode="safe")
    users = [f"obench{n:024d}" for n in range(200)]
    start = int(time.time())
    pushes = []
    for n in range(PUSHES + WARMUP):
        openid = users[n % len(users)]
        kind = n % 4
        if kind in (0, 1):
            xml = official.text_xml(fake, openid, "招聘会" if kind else "你好", msg_id=10**12 + n)
        elif kind == 2:
            xml = official.event_xml(fake, openid, "CLICK", EventKey="JOBS", create_time=start + n)
        else:
            xml = official.event_xml(fake, openid, "TEMPLATESENDJOBFINISH", MsgID=5 * 10**9 + n, Status="success",
                                     create_time=start + n)
        pushes.append(official.signed_push(fake, xml))
    client = Client(SERVER_NAME="localhost")
    timings, failures = [], 0
    for n, (query, body) in enumerate(pushes):
        began = time.perf_counter()
        response = client.post(f"/wechat/callback/?{query}", data=body, content_type="text/xml")
        elapsed = (time.perf_counter() - began) * 1000
        failures += response.status_code != 200
        if n >= WARMUP:
            timings.append(elapsed)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"  ({len(timings)} pushes, median {statistics.median(timings):.1f} ms, {failures} refused)", flush=True)
    line("wechat callback p95", round(p95, 1), "ms", 50, failed=failures > 0)
    CallbackReceipt.objects.filter(key__startswith="msg:1000").delete()
