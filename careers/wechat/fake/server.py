"""The fake WeChat HTTP server: a router that the protocol modules fill.

    official.py   — api.weixin.qq.com: access token, menu, template send (+ result event push), user info,
                    temporary QR codes, OAuth code exchange, and callback pushes signed/encrypted like WeChat's
    simulator.py  — the "phone": pages where a newcomer scans a QR / authorises OAuth as a simulated WeChat user
    pay.py        — api.mch.weixin.qq.com v3: JSAPI/Native orders, query, close, refund, certificates, notifications

    with FakeWechat(app_id="wx…", app_secret="…") as fake:
        fake.url                 # http://127.0.0.1:<port>  (settings.WECHAT_FAKE_URL points everything here)
        fake.callback_url = ...  # where it pushes events (the site's /wechat/callback/)
        fake.sent_templates      # template messages received
        fake.fail_next(path, errcode=..., times=1) / fake.delay = 0.5   # errors and delays
        fake.add_user("张三") -> openid; fake.expire_tokens(); fake.add_template(id); fake.outbox (pushes kept while
        no callback_url is set); official.push_event / push_text / signed_push / scan (see official.py)

A module adds routes with `@route("GET", "/cgi-bin/token")`; a handler gets (fake, request) and returns
(status, headers dict, body bytes | str | dict). `request` has .method .path .query (dict of str) .body (bytes)
.headers (dict, lower-case keys).
"""

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = []  # (method, path, handler); path ending in "*" matches a prefix


def route(method, path):
    def decorator(fn):
        ROUTES.append((method.upper(), path, fn))
        return fn
    return decorator


@dataclass
class FakeRequest:
    method: str
    path: str
    query: dict
    body: bytes
    headers: dict = field(default_factory=dict)

    def json(self):
        return json.loads(self.body.decode() or "{}")


def _find(method, path):
    for m, p, fn in ROUTES:
        if m != method:
            continue
        if p.endswith("*") and path.startswith(p[:-1]) or p == path:
            return fn
    return None


class FakeWechat:
    def __init__(self, *, app_id="wxfake0000000000", app_secret="fake-app-secret-0000000000000000",
                 token="faketoken", encoding_aes_key="", mch_id="1900000109", port=0, host="127.0.0.1",
                 original_id="gh_0123456789ab", message_mode=None):
        self.app_id, self.app_secret = app_id, app_secret
        self.token, self.encoding_aes_key = token, encoding_aes_key
        self.original_id = original_id  # ToUserName of the pushes
        self.message_mode = message_mode or ("safe" if encoding_aes_key else "plain")  # how pushes are signed
        self.mch_id = mch_id
        self.callback_url = ""  # the site's callback (official.push_* posts there)
        self.pay_notify_url = ""  # set from each order's notify_url
        self.delay = 0.0  # seconds before every answer
        self.lock = threading.RLock()
        self.state = {}  # per-module state: official.py, pay.py and simulator.py keep theirs under their own key
        self.requests = []  # (method, path) of every request, for assertions
        self._failures = {}  # path -> [remaining, errcode, errmsg, http_status]
        self.server = ThreadingHTTPServer((host, port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        from . import official, pay, simulator  # noqa: F401  (register their routes)
        for module in (official, pay, simulator):
            setup = getattr(module, "setup", None)
            if setup:
                setup(self)

    # -- lifecycle -------------------------------------------------------------------------------------
    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- the official account's simulated users and tokens (official.py) --------------------------------------
    def add_user(self, nickname, subscribed=True, **extra):
        from .official import add_user

        return add_user(self, nickname, subscribed, **extra)

    def add_template(self, template_id):
        from .official import add_template

        add_template(self, template_id)

    def expire_tokens(self):
        """Every access token issued so far answers 42001 from now on."""
        from .official import expire_tokens

        expire_tokens(self)

    # -- error injection ------------------------------------------------------------------------------
    def fail_next(self, path, *, errcode=None, errmsg="", http_status=200, times=1):
        """The next `times` requests to `path` answer WeChat's error `errcode` (or an HTTP `http_status` ≥ 500)."""
        with self.lock:
            self._failures[path] = [times, errcode, errmsg, http_status]

    def take_failure(self, path):
        with self.lock:
            failure = self._failures.get(path)
            if not failure or failure[0] <= 0:
                return None
            failure[0] -= 1
            return failure[1:]

    # -- HTTP -------------------------------------------------------------------------------------------
    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self, method):
                parsed = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = FakeRequest(method, parsed.path, dict(urllib.parse.parse_qsl(parsed.query)), body,
                                      {k.lower(): v for k, v in self.headers.items()})
                with fake.lock:
                    fake.requests.append((method, parsed.path))
                if fake.delay:
                    time.sleep(fake.delay)
                handler = _find(method, parsed.path)
                if handler is None:
                    status, headers, payload = 404, {}, {"errcode": 404, "errmsg": "not found"}
                else:
                    failure = fake.take_failure(parsed.path)
                    if failure and failure[2] >= 500:
                        status, headers, payload = failure[2], {}, "Internal Server Error"
                    elif failure:
                        status, headers, payload = 200, {}, {"errcode": failure[0], "errmsg": failure[1] or "error"}
                    else:
                        status, headers, payload = handler(fake, request)
                if isinstance(payload, dict | list):
                    payload = json.dumps(payload, ensure_ascii=False)
                    headers.setdefault("Content-Type", "application/json; charset=utf-8")
                if isinstance(payload, str):
                    payload = payload.encode()
                    headers.setdefault("Content-Type", "text/html; charset=utf-8")
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

        return Handler
