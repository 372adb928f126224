"""A fake Alibaba Cloud SMS endpoint (dysmsapi SendSms) on 127.0.0.1, for tests.

It speaks the real RPC protocol: it recomputes the HMAC-SHA1 signature from the query it
received (its own implementation, not the production code's), rejects stale timestamps and
reused nonces, validates the phone number and template parameters, enforces a per-number rate
limit, and answers with the provider's JSON (Code "OK" + BizId, or an error code).

    with FakeSmsServer(access_key_id="LTAI-test", secret="s3cret") as fake:
        settings.SMS = {..., "endpoint": fake.url}
        ...
        fake.sent  # [{"phone": ..., "template": ..., "params": {...}}]
"""

import base64
import hashlib
import hmac
import json
import re
import threading
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REQUIRED = ("AccessKeyId", "Action", "Format", "PhoneNumbers", "SignName", "SignatureMethod", "SignatureNonce",
            "SignatureVersion", "TemplateCode", "Timestamp", "Version", "Signature")


def _encode(text):
    # Alibaba's documented recipe: URL-encode as UTF-8, then fix up the three characters
    # java.net.URLEncoder gets "wrong" for RFC 3986.
    return (urllib.parse.quote_plus(text, safe="").replace("+", "%20").replace("*", "%2A")
            .replace("%7E", "~"))


def expected_signature(params, secret):
    pairs = sorted((k, v) for k, v in params.items() if k != "Signature")
    canonical = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs)
    to_sign = "GET&%2F&" + _encode(canonical)
    return base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


class FakeSmsServer:
    def __init__(self, *, access_key_id="LTAI5tFakeKeyForTests", secret="fake-secret-for-tests",
                 sign_name="高校就业服务平台", templates=("SMS_460725013",), per_number_limit=3, delay=0.0):
        self.access_key_id = access_key_id
        self.secret = secret
        self.sign_name = sign_name
        self.templates = set(templates)
        self.per_number_limit = per_number_limit
        self.delay = delay  # seconds to wait before answering (timeout tests)
        self.force_code = None  # answer every request with this error code
        self.sent = []
        self.requests = []
        self._nonces = set()
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def answer(self, params):
        """(HTTP status, JSON body) for one SendSms request, as the provider would answer."""
        request_id = str(uuid.uuid4()).upper()

        def error(status, code, message):
            return status, {"RequestId": request_id, "Code": code, "Message": message,
                            "Recommend": "https://next.api.aliyun.com/troubleshoot?q=" + code}

        missing = [name for name in REQUIRED if not params.get(name)]
        if missing:
            return error(400, "MissingParameter", f"The input parameter \"{missing[0]}\" that is mandatory "
                                                  "for processing this request is not supplied.")
        if params["AccessKeyId"] != self.access_key_id:
            return error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        if params["SignatureMethod"] != "HMAC-SHA1" or params["SignatureVersion"] != "1.0":
            return error(400, "InvalidParameter", "Specified signature method is not supported.")
        if not hmac.compare_digest(params["Signature"], expected_signature(params, self.secret)):
            return error(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.")
        try:
            sent_at = datetime.strptime(params["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        except ValueError:
            return error(400, "InvalidTimeStamp.Format", "Specified time stamp is not valid.")
        if abs(datetime.now(timezone.utc) - sent_at) > timedelta(minutes=15):
            return error(400, "InvalidTimeStamp.Expired", "Specified time stamp or date header is expired.")
        with self._lock:
            if params["SignatureNonce"] in self._nonces:
                return error(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
            self._nonces.add(params["SignatureNonce"])
        if params["Action"] != "SendSms" or params["Version"] != "2017-05-25" or params["Format"] != "JSON":
            return error(400, "InvalidParameter", "Specified action or version is not valid.")
        if self.force_code:
            return error(200, self.force_code, "forced by the test")
        if params["SignName"] != self.sign_name:
            return error(200, "isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名")
        if params["TemplateCode"] not in self.templates:
            return error(200, "isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板")
        phone = params["PhoneNumbers"]
        if not re.fullmatch(r"1[3-9]\d{9}", phone):
            return error(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
        try:
            template_params = json.loads(params.get("TemplateParam") or "{}")
        except ValueError:
            return error(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值")
        if not isinstance(template_params, dict) or not all(isinstance(v, str) for v in template_params.values()):
            return error(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值")
        with self._lock:
            if sum(1 for m in self.sent if m["phone"] == phone) >= self.per_number_limit:
                return error(200, "isv.BUSINESS_LIMIT_CONTROL", "触发号码天级流控Permits:%d" % self.per_number_limit)
            self.sent.append({"phone": phone, "template": params["TemplateCode"], "params": template_params,
                              "sign_name": params["SignName"]})
        return 200, {"RequestId": request_id, "Code": "OK", "Message": "OK", "BizId": f"{len(self.sent)}^0"}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                import time

                if fake.delay:
                    time.sleep(fake.delay)
                query = urllib.parse.urlsplit(self.path).query
                params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
                fake.requests.append(params)
                status, body = fake.answer(params)
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_GET  # noqa: N815 (the provider accepts both)

            def log_message(self, *args):
                pass

        return Handler
