"""Helpers for the channel / batch tests: students with bound WeChat accounts, a batch message, the result events
WeChat would push for what the fake received, and stand-ins used ONLY while the account/api helper's client and the
fake's template route are not merged yet (they step aside as soon as the real ones exist)."""

import itertools
import json
import time
import urllib.request

from django.conf import settings

from careers.wechat.fake import server as fake_server

TEMPLATE_PATH = "/cgi-bin/message/template/send"
TOKEN_PATH = "/cgi-bin/token"
_msgids = itertools.count(2_000_000_001)


# -- the fake's template route, if the official-API helper's is not there yet -----------------------------------
def _has_route(method, path):
    return fake_server._find(method, path) is not None


def _fallback_token(fake, request):
    fake.state.setdefault("batch_shim", {})["token"] = token = f"TOKEN{len(fake.requests)}"
    return 200, {}, {"access_token": token, "expires_in": 7200}


def _fallback_template(fake, request):
    payload = request.json()
    with fake.lock:
        msgid = next(_msgids)
        fake.sent_templates.append({**payload, "msgid": msgid, "received_at": time.time()})
    return 200, {}, {"errcode": 0, "errmsg": "ok", "msgid": msgid}


def ensure_fake_routes():
    if not _has_route("GET", TOKEN_PATH):
        fake_server.route("GET", TOKEN_PATH)(_fallback_token)
    if not _has_route("POST", TEMPLATE_PATH):
        fake_server.route("POST", TEMPLATE_PATH)(_fallback_template)


_PREPARED = []  # the fakes of this test: bind() registers its openids there as followers


def prepare_fake(fake):
    ensure_fake_routes()
    _PREPARED[:] = [fake]
    from careers.wechat.binding.models import WechatBinding

    users = fake.state.get("official", {}).get("users")
    if users is not None:  # bindings made before the fake was prepared (fixture order) are its followers too
        with fake.lock:
            for openid, subscribed in WechatBinding.objects.values_list("openid", "subscribed"):
                users.setdefault(openid, {"openid": openid, "nickname": openid, "subscribed": subscribed,
                                          "subscribe_time": int(time.time()), "blocked_templates": False})
    if not hasattr(fake, "sent_templates"):
        fake.sent_templates = []
    return fake


# -- the API client, if the account/api helper's is not there yet -------------------------------------------------
PERMANENT = {40003, 43004, 43101, 40037, 47003}
TOKEN_CODES = {40001, 40014, 42001}


class FallbackClient:
    def __init__(self):
        self.token = None

    def _token(self, refresh=False):
        if self.token is None or refresh:
            url = f"{settings.WECHAT_API_BASE}cgi-bin/token?grant_type=client_credential&appid=x&secret=y"
            with urllib.request.urlopen(url, timeout=settings.WECHAT_TIMEOUT) as answer:
                self.token = json.loads(answer.read())["access_token"]
        return self.token

    def send_template(self, openid, template_id, data, url=""):
        from careers.wechat.api.client import WechatError

        for attempt in range(2):
            body = json.dumps({"touser": openid, "template_id": template_id, "url": url, "data": data}).encode()
            request = urllib.request.Request(
                f"{settings.WECHAT_API_BASE}cgi-bin/message/template/send?access_token={self._token(attempt > 0)}",
                data=body, headers={"Content-Type": "application/json"}, method="POST")
            with urllib.request.urlopen(request, timeout=settings.WECHAT_TIMEOUT) as answer:
                result = json.loads(answer.read())
            code = result.get("errcode", 0)
            if code == 0:
                return int(result["msgid"])
            if code in TOKEN_CODES and attempt == 0:
                continue
            raise WechatError(result.get("errmsg", "error"), code=code, permanent=code in PERMANENT)
        raise AssertionError("unreachable")


def client_is_stub():
    from careers.wechat.api import client

    try:
        client.api()
    except client.WechatError as exc:
        return exc.code == "not_configured"
    except Exception:  # noqa: BLE001 - a real client that could not start: not the stub
        return False
    return False


def install_client(monkeypatch=None):
    """Use the fallback client only while careers.wechat.api.client is the skeleton's stub."""
    from careers.wechat.api import client

    if not client_is_stub():
        return
    shared = FallbackClient()
    if monkeypatch is not None:
        monkeypatch.setattr(client, "api", lambda: shared)
    else:
        client.api = lambda: shared


# -- the template: a "batch" / "general" setting so render() has something to send ----------------------------------
def install_render(monkeypatch=None):
    """render() is the template-settings helper's; while it is the stub, render every message as 通用通知."""
    from careers.wechat.template_messages import render as render_module
    from careers.wechat.template_messages.models import TemplateSetting

    TemplateSetting.objects.update_or_create(kind="general", defaults={
        "template_id": "TPL_GENERAL_0001", "enabled": True,
        "fields": {"first": "{subject}", "keyword1": "{subject}", "remark": "{body}"}})
    TemplateSetting.objects.update_or_create(kind="batch", defaults={
        "template_id": "TPL_BATCH_0001", "enabled": True,
        "fields": {"first": "{subject}", "keyword1": "{subject}", "remark": "{body}"}})
    if "STUB" in (render_module.__doc__ or ""):  # the skeleton's render(): always None
        def render(message, delivery):
            setting = TemplateSetting.objects.filter(kind=message.kind or "general", enabled=True).first()
            if setting is None or not setting.template_id:
                return None
            return setting.template_id, {"first": {"value": message.subject}, "remark": {"value": message.body}}, ""

        if monkeypatch is not None:
            monkeypatch.setattr(render_module, "render", render)
        else:
            render_module.render = render


# -- data -------------------------------------------------------------------------------------------------------
def bind(user, openid=None, subscribed=True):
    from careers.wechat.binding.models import BindingSource, WechatBinding

    openid = openid or f"o{user.pk:08d}fakeopenid"
    for fake in _PREPARED:  # the fake WeChat knows its followers: an unknown openid is 40003 there, as in WeChat
        users = fake.state.get("official", {}).get("users")
        if users is not None:
            with fake.lock:
                users[openid] = {"openid": openid, "nickname": user.username, "subscribed": subscribed,
                                 "subscribe_time": int(time.time()), "blocked_templates": False}
    return WechatBinding.objects.create(user=user, openid=openid, subscribed=subscribed, source=BindingSource.DEMO)


def result_events(fake, status="success"):
    """What WeChat pushes after each template it accepted: (msgid, openid, status)."""
    return [(t["msgid"], t.get("touser") or t.get("openid"), status) for t in list(fake.sent_templates)]


def push_results(fake, status="success"):
    from careers.wechat.template_messages.results import record_result, result_state

    for msgid, openid, st in result_events(fake, status):
        record_result(msgid=msgid, openid=openid, state=result_state(st))


def sent_openids(fake):
    return [t.get("touser") or t.get("openid") for t in list(fake.sent_templates)]


def student_users(n, *, major=None, bound=True, prefix="bs"):
    """`n` students with login accounts (and bound, subscribed WeChat unless bound=False)."""
    from careers.accounts.models import User
    from tests.factories import StudentFactory, UserFactory

    users = []
    for i in range(n):
        user = UserFactory(username=f"{prefix}{i:05d}", kind=User.Kind.STUDENT)
        kwargs = {"major": major} if major is not None else {}
        StudentFactory(user=user, **kwargs)
        if bound:
            bind(user)
        users.append(user)
    return users


def batch_message(users, subject="就业双选会通知", body="请按时参加。"):
    from careers.core.messaging import send_message

    return send_message(recipients=users, subject=subject, body=body, channels=("wechat",), kind="batch")


# -- a real worker process, killed with SIGKILL, then resumed (test_batches_kill.py, bench/bench_wechat_batch.py) --
def _worker(message_id, lease, grace, rate, batch_size=100):
    """A worker stand-in in a forked process: core's delivery loop for one message until nothing is due."""
    import datetime
    import os
    import time

    from django.conf import settings as dj_settings

    from careers.core.messaging import delivery

    code = 0
    _forget_inherited_connections()
    try:
        delivery.CLAIM_TIMEOUT = datetime.timedelta(seconds=lease)
        dj_settings.WECHAT_SEND_GRACE = grace
        if rate:
            dj_settings.MESSAGE_RATE_LIMITS = {**dj_settings.MESSAGE_RATE_LIMITS, "wechat": rate}
        from django.db import OperationalError, connections

        failures = 0
        while True:
            try:
                report = delivery.deliver_pending(message_id, batch_size=batch_size)
            except OperationalError:  # the database dropped this worker's session: reconnect, as a restarted
                failures += 1          # Celery worker would (the exactly-once design allows a crash anywhere)
                if failures > 5:
                    raise
                _forget_inherited_connections()
                connections.close_all()
                time.sleep(0.2)
                continue
            if report.retry_in is None:
                break
            time.sleep(min(report.retry_in, 0.5))
    except BaseException:  # noqa: BLE001 - a worker's crash is the figure's business, not the parent's
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


_INHERITED = []  # the parent's connection objects, kept referenced in the child so they are never closed from here


def _forget_inherited_connections():
    """A forked child must not use (nor close: libpq would end the parent's session) a connection it inherited — one
    the parent still holds, or one the server already terminated (a test database restored from its snapshot):
    it opens its own."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _INHERITED.append(conn.connection)
        conn.connection = None
        conn.in_atomic_block = False
        conn.needs_rollback = False
        conn.closed_in_transaction = False
        conn.savepoint_ids = []
        conn.atomic_blocks = []


def _start_worker(message_id, lease, grace, rate, batch_size=100):
    import multiprocessing

    from django.db import connections

    connections.close_all()  # the child opens its own connections
    process = multiprocessing.get_context("fork").Process(target=_worker,
                                                          args=(message_id, lease, grace, rate, batch_size),
                                                          daemon=True)
    process.start()
    return process


class EventPusher:
    """WeChat's side: a TEMPLATESENDJOBFINISH for every template the fake accepted, each pushed once."""

    def __init__(self, fake):
        self.fake, self.pushed = fake, 0

    def push(self):
        from careers.wechat.template_messages.results import record_result
        from careers.wechat.template_messages.models import SendState

        sent = list(self.fake.sent_templates)
        for item in sent[self.pushed:]:
            record_result(msgid=item["msgid"], openid=item.get("touser") or item.get("openid"),
                          state=SendState.DELIVERED)
        self.pushed = len(sent)


def kill_and_resume(fake, message_id, *, kill_after, lease=2.0, grace=4.0, rate=None, timeout=600.0, workers=1,
                    batch_size=100):
    """Start `workers` worker processes, SIGKILL one of them once the fake has `kill_after` templates (the others
    go on), then resume with fresh workers (after the dead worker's lease expires, as the sweep would) until every
    delivery is settled.

    Returns {"sent_at_kill", "phases": [(seconds, sends)], "lease_wait"}."""
    import os
    import signal
    import time

    from careers.core.models import MessageDelivery

    Status = MessageDelivery.Status
    from django.conf import settings as dj_settings

    if rate and "locmem" in dj_settings.CACHES["default"]["BACKEND"].lower():
        rate = rate / workers  # no shared cache (Redis) between the processes: split the budget between them
    pusher = EventPusher(fake)
    started = time.monotonic()
    team = [_start_worker(message_id, lease, grace, rate, batch_size) for _ in range(workers)]
    while len(fake.sent_templates) < kill_after and any(w.is_alive() for w in team):
        # WeChat's events arrive all along, not in one burst after the kill: a backlog longer than the grace
        # period would make an in-doubt send look lost (and resend it) — exactly the trade-off the grace sets.
        pusher.push()
        time.sleep(0.005)
    worker = next((w for w in team if w.is_alive()), team[0])
    try:
        os.kill(worker.pid, signal.SIGKILL)
    except ProcessLookupError:  # every worker had already finished: nothing to kill
        pass
    worker.join(10)
    sent_at_kill = len(fake.sent_templates)
    for other in team:  # the surviving workers finish what they can (not the dead one's claims)
        while other.is_alive():
            pusher.push()
            other.join(0.2)
    killed = time.monotonic()
    phases = [(killed - started, len(fake.sent_templates))]
    time.sleep(0.3)  # a request the worker had fully written is still answered by WeChat
    pusher.push()
    wait_from = time.monotonic()
    time.sleep(lease + 0.2)  # the dead worker's claims expire (the sweep's job in production)
    lease_wait = time.monotonic() - wait_from
    deadline = time.monotonic() + timeout
    crashed_rounds = 0
    while time.monotonic() < deadline:
        before, resumed = len(fake.sent_templates), time.monotonic()
        team = [_start_worker(message_id, lease, grace, rate, batch_size) for _ in range(workers)]
        for worker in team:
            while worker.is_alive():
                pusher.push()
                worker.join(0.2)
        pusher.push()
        phases.append((time.monotonic() - resumed, len(fake.sent_templates) - before))
        # workers that die at once make no progress: say so instead of retrying until the timeout
        crashed_rounds = crashed_rounds + 1 if all(w.exitcode for w in team) else 0
        if crashed_rounds >= 3:
            raise AssertionError(f"every resumed worker crashed (exit codes {[w.exitcode for w in team]}); "
                                 "see the captured stderr")
        from django.db import connections

        connections.close_all()
        left = MessageDelivery.objects.filter(message_id=message_id).exclude(
            status__in=(Status.SENT, Status.SKIPPED)).exclude(status=Status.FAILED, next_attempt_at=None)
        if not left.exists():
            break
        time.sleep(0.5)  # in-doubt rows wait for the grace period
    return {"sent_at_kill": sent_at_kill, "phases": phases, "lease_wait": lease_wait}


def explain_duplicates(fake):
    """For a failed run: the fake's receipts and our records of every recipient who got a template twice."""
    from collections import Counter

    from careers.core.models import MessageDelivery
    from careers.wechat.template_messages.models import TemplateSend

    seen = Counter(sent_openids(fake))
    lines = []
    for openid, n in seen.items():
        if n < 2:
            continue
        lines.append(f"{openid}: {[(t.get('msgid'), t.get('received_at')) for t in fake.sent_templates if t.get('touser') == openid]}")
        for send in TemplateSend.objects.filter(openid=openid):
            delivery = MessageDelivery.objects.get(pk=send.delivery_id)
            lines.append(f"  send {send.state} msgid={send.msgid} created={send.created_at.timestamp()} "
                         f"result={send.result_at}; delivery {delivery.status} attempts={delivery.attempts} "
                         f"error={delivery.error!r}")
    return "\n".join(lines)


def duplicates_and_lost(fake, expected_openids):
    from collections import Counter

    seen = Counter(sent_openids(fake))
    duplicates = sum(n - 1 for n in seen.values() if n > 1)
    lost = sum(1 for openid in expected_openids if not seen.get(openid))
    return duplicates, lost
