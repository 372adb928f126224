"""工商信息比对: the business-registry record of a unit, behind one interface with a configurable provider.

    settings.BUSINESS_REGISTRY = {
        "backend": "careers.recruitment.employers.registry_client.HttpRegistryClient",
        "base_url": "https://api.example.com", "app_key": "...", "app_secret": "...", "timeout": 5,
    }

`get_client().lookup(credit_code)` returns a `RegistryRecord`, or None when the registry knows no such
unit, or raises `RegistryError` with a Chinese message the admin can act on. The default backend
(`DisabledRegistryClient`) raises 未配置工商信息接口, so an embedded install works without an account.

`HttpRegistryClient` speaks the usual protocol of Chinese enterprise-information APIs:

    GET {base_url}/v1/enterprise/basic?credit_code=...
    X-App-Key: <app_key>   X-Timestamp: <unix seconds>   X-Nonce: <random hex>
    X-Signature: hex(HMAC-SHA256(app_secret, "GET\\n<path>\\n<sorted query>\\n<timestamp>\\n<nonce>"))

    → {"code": 0, "message": "ok", "data": {"name", "credit_code", "legal_representative",
       "registered_address", "status", "established_on", "business_scope", ...}}

with `code` 20001 (not found), 40001 (bad signature), 40002 (stale timestamp / reused nonce),
40003 (unknown app key), 42901 (quota used up); anything else is a provider error.
Successful lookups are cached for a day, so the review page can show the registry status flag
without calling out (`cached_lookup`).
"""

import datetime
import hashlib
import hmac
import logging
import secrets
import time
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

DEFAULT = {"backend": "careers.recruitment.employers.registry_client.DisabledRegistryClient"}
CACHE_SECONDS = 24 * 3600
# Registry statuses that mean the unit exists and may trade; anything else is flagged.
ACTIVE_STATUSES = ("存续", "在业", "开业", "正常")
DEAD_WORDS = ("注销", "吊销", "撤销", "迁出", "停业", "清算")


class RegistryError(Exception):
    """The registry could not answer; the message says why, in Chinese."""


@dataclass(frozen=True)
class RegistryRecord:
    credit_code: str
    name: str
    legal_representative: str = ""
    registered_address: str = ""
    status: str = ""
    established_on: datetime.date | None = None
    business_scope: str = ""
    registered_capital: str = ""
    source: str = ""

    @property
    def is_active(self):
        return any(word in self.status for word in ACTIVE_STATUSES) and not self.is_dead

    @property
    def is_dead(self):
        return any(word in self.status for word in DEAD_WORDS)

    def as_cache(self):
        return {**self.__dict__, "established_on": self.established_on.isoformat() if self.established_on else ""}

    @classmethod
    def from_cache(cls, data):
        data = dict(data)
        data["established_on"] = parse_date(data.get("established_on"))
        return cls(**data)


def parse_date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class RegistryClient:
    """Interface: `lookup(credit_code) -> RegistryRecord | None`; raise RegistryError when it can't tell."""

    label = ""

    def __init__(self, **options):
        self.options = options

    def lookup(self, credit_code):
        raise NotImplementedError


class DisabledRegistryClient(RegistryClient):
    label = "未配置"

    def lookup(self, credit_code):
        raise RegistryError("未配置工商信息接口，暂时无法比对。请联系系统管理员开通工商信息查询服务。")


ERRORS = {
    40001: "工商信息接口签名校验失败，请联系系统管理员核对接口密钥。",
    40002: "工商信息接口拒绝了请求（时间戳过期或请求重复），请检查服务器时间后重试。",
    40003: "工商信息接口不认识本系统的接入账号，请联系系统管理员核对接入账号。",
    42901: "工商信息接口的查询额度已用完，请联系服务商充值或明天再试。",
}


def sign(secret, method, path, query, timestamp, nonce):
    """The request signature (hex HMAC-SHA256) over method, path, sorted query, timestamp and nonce."""
    canonical_query = "&".join(f"{quote(k, safe='')}={quote(str(v), safe='')}" for k, v in sorted(query.items()))
    payload = "\n".join([method.upper(), path, canonical_query, str(timestamp), nonce])
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


class HttpRegistryClient(RegistryClient):
    """A signed JSON enterprise-information API (see the module docstring for the protocol)."""

    label = "企业信息接口"
    path = "/v1/enterprise/basic"

    def lookup(self, credit_code):
        import requests

        base_url = (self.options.get("base_url") or "").rstrip("/")
        key, secret = self.options.get("app_key") or "", self.options.get("app_secret") or ""
        if not (base_url and key and secret):
            raise RegistryError("工商信息接口的接入信息不完整（接口地址、接入账号或密钥缺失），请联系系统管理员补充。")
        path = urlsplit(base_url).path.rstrip("/") + self.path
        query = {"credit_code": credit_code}
        timestamp, nonce = int(time.time()), secrets.token_hex(16)
        headers = {"X-App-Key": key, "X-Timestamp": str(timestamp), "X-Nonce": nonce,
                   "X-Signature": sign(secret, "GET", path, query, timestamp, nonce), "Accept": "application/json"}
        try:
            response = requests.get(base_url + self.path, params=query, headers=headers,
                                    timeout=float(self.options.get("timeout", 5)))
        except requests.Timeout:
            raise RegistryError("工商信息接口响应超时，请稍后再试。")
        except requests.RequestException as exc:
            log.warning("business registry unreachable: %s", type(exc).__name__)
            raise RegistryError("无法连接工商信息接口，请稍后再试；如持续失败，请联系系统管理员。")
        try:
            body = response.json()
        except ValueError:
            raise RegistryError(f"工商信息接口返回了无法识别的内容（HTTP {response.status_code}）。")
        code = body.get("code") if isinstance(body, dict) else None
        if code == 20001:
            return None
        if code in ERRORS:
            raise RegistryError(ERRORS[code])
        if code != 0 or not isinstance(body.get("data"), dict):
            message = str(body.get("message") or "")[:100] if isinstance(body, dict) else ""
            raise RegistryError(f"工商信息接口返回错误（{code}）：{message or '未知错误'}")
        data = body["data"]
        return RegistryRecord(
            credit_code=str(data.get("credit_code") or "").upper(), name=str(data.get("name") or ""),
            legal_representative=str(data.get("legal_representative") or ""),
            registered_address=str(data.get("registered_address") or ""), status=str(data.get("status") or ""),
            established_on=parse_date(data.get("established_on")),
            business_scope=str(data.get("business_scope") or ""),
            registered_capital=str(data.get("registered_capital") or ""), source=self.label)


def get_client():
    config = {**DEFAULT, **(getattr(settings, "BUSINESS_REGISTRY", None) or {})}
    backend = import_string(config.pop("backend"))
    return backend(**config)


def _cache_key(credit_code):
    return f"registry:{credit_code}"


def lookup(credit_code):
    """The registry record (cached for a day when found); RegistryError passes through."""
    record = get_client().lookup(credit_code)
    if record is not None:
        cache.set(_cache_key(credit_code), record.as_cache(), CACHE_SECONDS)
    return record


def cached_lookup(credit_code):
    """The last record fetched for this code within a day, without calling the registry (None if none)."""
    data = cache.get(_cache_key(credit_code))
    return RegistryRecord.from_cache(data) if data else None


# -- field-by-field comparison --------------------------------------------------------------------
def normalise(text):
    return "".join(unicodedata.normalize("NFKC", text or "").split()).lower()


@dataclass(frozen=True)
class Difference:
    label: str
    ours: str
    theirs: str
    state: str  # "same" | "different" | "info" (the unit doesn't report this field)

    @property
    def differs(self):
        return self.state == "different"


def compare(employer, record, *, scope_chars=200):
    """[Difference] between what the unit filled in and the registry record, in display order."""
    def row(label, ours, theirs):
        if not ours:
            return Difference(label, "", theirs, "info")
        return Difference(label, ours, theirs, "same" if normalise(ours) == normalise(theirs) else "different")

    scope = record.business_scope
    if len(scope) > scope_chars:
        scope = scope[:scope_chars] + "……"
    return [
        row("单位名称", employer.name, record.name),
        row("统一社会信用代码", employer.credit_code, record.credit_code),
        row("注册地址 / 通讯地址", employer.address, record.registered_address),
        Difference("法定代表人", "", record.legal_representative, "info"),
        Difference("登记状态", "", record.status or "（未返回）", "info" if record.is_active else "different"),
        Difference("成立日期", "", record.established_on.isoformat() if record.established_on else "", "info"),
        Difference("注册资本", "", record.registered_capital, "info"),
        Difference("经营范围（摘录）", "", scope, "info"),
    ]
