"""SMS backends and the `send_sms` entry point (see the package docstring)."""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

from careers.core.validators import normalise, validate_mobile

logger = logging.getLogger("careers.sms")

DEFAULTS = {
    "backend": "careers.core.sms.backends.ConsoleBackend",
    "access_key_id": "",
    "access_key_secret": "",
    "sign_name": "",
    "endpoint": "https://dysmsapi.aliyuncs.com/",
    "region": "cn-hangzhou",
    "timeout": 10.0,
    "templates": {},
}

outbox = []  # LocMemBackend's sent messages, like django.core.mail.outbox


class SmsError(Exception):
    """Sending failed; `message` says why in Chinese, `code` is the provider's error code."""

    def __init__(self, message, *, code="", request_id=""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.request_id = request_id

    def __str__(self):
        return self.message


@dataclass
class SmsResult:
    phone: str
    template: str
    params: dict = field(default_factory=dict)
    request_id: str = ""
    biz_id: str = ""


def mask_phone(phone):
    """138****8000: enough to tell numbers apart in a log, not enough to call them."""
    phone = str(phone or "")
    if len(phone) >= 7:
        return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"
    return "*" * len(phone)


def config():
    return {**DEFAULTS, **getattr(settings, "SMS", {})}


def normalise_phone(phone):
    """Mainland mobile numbers only, by the shared rule (careers.core.validators); anything else is refused."""
    try:
        return validate_mobile(phone)
    except ValidationError:
        raise SmsError(f"手机号码 {mask_phone(normalise(phone))} 格式不正确：短信只能发送到 1 开头的 11 位中国大陆"
                       "手机号码。", code="invalid_phone") from None


class BaseBackend:
    def __init__(self, options):
        self.options = options

    def template_code(self, template):
        return self.options.get("templates", {}).get(template, template)

    def send(self, phone, template, params):  # pragma: no cover - interface
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """The embedded default: nothing leaves the machine; the log line shows what would be sent."""

    def send(self, phone, template, params):
        keys = ", ".join(sorted(params))
        logger.warning("SMS (console) to %s, template %s, params: %s", mask_phone(phone),
                       self.template_code(template), keys or "—")
        return SmsResult(phone=phone, template=template, params=dict(params), request_id="console")


class LocMemBackend(BaseBackend):
    """Tests: keeps every message in `careers.core.sms.outbox`."""

    def send(self, phone, template, params):
        result = SmsResult(phone=phone, template=template, params=dict(params), request_id=f"locmem-{len(outbox) + 1}")
        outbox.append(result)
        return result


def get_backend():
    options = config()
    return import_string(options["backend"])(options)


def send_sms(phone, template, params=None):
    """Send one text message; returns an SmsResult or raises SmsError (message in Chinese)."""
    phone = normalise_phone(phone)
    params = {key: str(value) for key, value in (params or {}).items()}
    backend = get_backend()
    try:
        result = backend.send(phone, template, params)
    except SmsError as exc:
        logger.warning("SMS to %s failed (%s): %s", mask_phone(phone), exc.code or "-", exc.message)
        raise
    logger.info("SMS to %s sent, template %s, request %s", mask_phone(phone), template, result.request_id)
    return result
