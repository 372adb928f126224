"""A local fake of a Chinese enterprise-information API, speaking the protocol HttpRegistryClient uses:
HMAC-SHA256 signed GET with X-App-Key / X-Timestamp / X-Nonce / X-Signature, JSON {code, message, data}.

It checks the signature exactly as a provider would (recomputed from the request it received), refuses
stale timestamps and reused nonces, counts a quota, and can be told to stall (timeouts).
"""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlsplit

APP_KEY = "test-app-key"
APP_SECRET = "test-app-secret-不要泄露"


def expected_signature(secret, method, path, query, timestamp, nonce):
    canonical = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in sorted(query.items()))
    payload = "\n".join([method, path, canonical, timestamp, nonce])
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


class FakeRegistry:
    def __init__(self):
        self.records = {}  # credit code → data dict
        self.quota = 1000
        self.delay = 0.0
        self.requests = []
        self.nonces = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, credit_code, **data):
        self.records[credit_code] = {
            "credit_code": credit_code, "name": "", "legal_representative": "张三", "registered_address": "",
            "status": "存续（在营、开业、在册）", "established_on": "2015-06-18", "registered_capital": "1000万元人民币",
            "business_scope": "软件开发；信息技术咨询服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广。",
            **data}

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, status, body):
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if fake.delay:
                    time.sleep(fake.delay)
                url = urlsplit(self.path)
                query = dict(parse_qsl(url.query))
                fake.requests.append((url.path, query, dict(self.headers)))
                if url.path != "/v1/enterprise/basic":
                    return self.reply(404, {"code": 40400, "message": "not found"})
                key, stamp = self.headers.get("X-App-Key", ""), self.headers.get("X-Timestamp", "")
                nonce, signature = self.headers.get("X-Nonce", ""), self.headers.get("X-Signature", "")
                if key != APP_KEY:
                    return self.reply(401, {"code": 40003, "message": "invalid app key"})
                good = expected_signature(APP_SECRET, "GET", url.path, query, stamp, nonce)
                if not hmac.compare_digest(good, signature):
                    return self.reply(401, {"code": 40001, "message": "signature mismatch"})
                if not stamp.isdigit() or abs(time.time() - int(stamp)) > 300 or nonce in fake.nonces:
                    return self.reply(401, {"code": 40002, "message": "timestamp expired or nonce reused"})
                fake.nonces.add(nonce)
                if fake.quota <= 0:
                    return self.reply(429, {"code": 42901, "message": "quota exceeded"})
                fake.quota -= 1
                record = fake.records.get(query.get("credit_code", ""))
                if record is None:
                    return self.reply(200, {"code": 20001, "message": "no such enterprise", "data": None})
                return self.reply(200, {"code": 0, "message": "ok", "data": record})

        return Handler
