"""The SMS gateway (短信网关): the one way any module sends a text message.

    from careers.core.sms import SmsError, send_sms

    try:
        result = send_sms("13800138000", "appeal_password", {"password": "Kp7mXq4r"})
    except SmsError as exc:
        messages.error(request, exc.message)      # already in Chinese, names the cause

`template` is a logical name looked up in settings.SMS["templates"] (the provider's template
code, e.g. "SMS_460725013"); an unknown name is passed through unchanged. The backend comes
from settings.SMS["backend"]:

- `careers.core.sms.backends.ConsoleBackend` (embedded default): logs the message, masked.
- `careers.core.sms.backends.LocMemBackend` (tests): appends to `careers.core.sms.outbox`.
- `careers.core.sms.aliyun.AliyunBackend`: Alibaba Cloud SMS (dysmsapi SendSms), a real provider.

Phone numbers are masked (138****8000) in every log line. Failures raise `SmsError` with a
Chinese `message` and the provider's `code`, so callers can roll their transaction back.
"""

from .backends import SmsError, SmsResult, get_backend, mask_phone, outbox, send_sms

__all__ = ["SmsError", "SmsResult", "get_backend", "mask_phone", "outbox", "send_sms"]
