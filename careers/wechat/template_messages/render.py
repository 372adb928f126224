"""What a template message says: `render(message, delivery)` → (template_id, data, url), or None when neither the
message's kind nor 通用通知 (kind "general") has an enabled template with an id.

`data` is WeChat's {"first": {"value": "…"}, "keyword1": {"value": "…"}, …}, each value the setting's text with its
placeholders filled and cut to the field type's limit; `url` is the tracked read link (`read_url`): opening it marks
the delivery read once and goes on to the message's own link (or the inbox).
"""

import re

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from . import kinds

TOKEN_SALT = "wechat.template.read"
TOKEN_MAX_AGE = 90 * 24 * 3600  # a template message stays in the chat; its link works for 90 days
PLACEHOLDER = re.compile(r"\{(\w+)\}")
DEFAULT_SENDER = "就业指导中心"
SITE_NAME = "高校就业服务平台"

# WeChat's limits per value (characters). Old-style templates (first / keywordN / remark) take up to 200; the
# typed fields of the newer templates are far shorter (thing 20, phrase 5 …).
OLD_STYLE_LIMIT = 200
TYPE_LIMITS = {"thing": 20, "name": 10, "phrase": 5, "character_string": 32, "number": 32, "letter": 32,
               "symbol": 5, "amount": 10, "time": 20, "date": 20, "car_number": 8, "phone_number": 17,
               "const": 20}
OLD_STYLE = re.compile(r"^(first|remark|keyword[0-9]+|keynote[0-9]+)$")


def field_key(name):
    """"keyword1.DATA" → "keyword1" (admins paste names as WeChat shows them in the template's content)."""
    return name[:-5] if name.endswith(".DATA") else name


def limit_of(name):
    key = field_key(name)
    if OLD_STYLE.match(key):
        return OLD_STYLE_LIMIT
    base = key.rstrip("0123456789")
    return TYPE_LIMITS.get(base, OLD_STYLE_LIMIT)


def truncate(text, limit):
    return text if len(text) <= limit else text[:max(limit - 1, 0)] + "…"


def fill(template, values):
    """Replace the known {placeholders}; anything else stays as typed (settings validation refuses unknown ones)."""
    return PLACEHOLDER.sub(lambda m: values[m.group(1)] if m.group(1) in values else m.group(0), template)


def read_token(delivery):
    return signing.dumps(delivery.pk, salt=TOKEN_SALT)


def read_delivery_id(token):
    """The delivery pk a token names; signing.SignatureExpired / BadSignature otherwise."""
    value = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    if not isinstance(value, int):
        raise signing.BadSignature("not a delivery")
    return value


def read_url(delivery):
    """The absolute tracked link WeChat opens (SITE_URL + /wechat/r/<token>/)."""
    path = reverse("wechat_site:template_read", args=[read_token(delivery)])
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def setting_for(kind):
    """The TemplateSetting that carries `kind`: its own when enabled with an id, else 通用通知's, else None."""
    from .models import TemplateSetting

    wanted = [kind or kinds.GENERAL, kinds.GENERAL]
    rows = {s.kind: s for s in TemplateSetting.objects.filter(kind__in=wanted, enabled=True).exclude(template_id="")}
    for key in wanted:
        if key in rows:
            return rows[key]
    return None


def values_for(message, delivery, url):
    recipient = getattr(delivery, "recipient", None)
    created = timezone.localtime(message.created_at or timezone.now())
    sender = getattr(message, "sender", None) if message.sender_id else None
    return {
        "subject": message.subject,
        "body": message.body,
        "recipient": (getattr(recipient, "name", "") or getattr(recipient, "username", "")) if recipient else "",
        "time": f"{created:%Y-%m-%d %H:%M}",
        "date": f"{created:%Y-%m-%d}",
        "link": url,
        "sender": (getattr(sender, "name", "") or str(sender)) if sender else DEFAULT_SENDER,
        "site": getattr(settings, "SITE_NAME", "") or SITE_NAME,
    }


def build_data(fields, values):
    data = {}
    for name, template in (fields or {}).items():
        key = field_key(name)
        text = fill(str(template or ""), values).strip()
        if not OLD_STYLE.match(key):
            text = " ".join(text.split())  # typed fields are one line
        data[key] = {"value": truncate(text, limit_of(key))}
    return data


_UNSET = object()


def render(message, delivery, *, setting=None):
    if setting is None:
        # looked up once per message object: a channel renders a whole batch of deliveries of one message
        setting = getattr(message, "_wechat_template_setting", _UNSET)
        if setting is _UNSET:
            setting = message._wechat_template_setting = setting_for(message.kind)
    if setting is None:
        return None
    fields = setting.fields or kinds.KINDS.get(setting.kind, kinds.KINDS[kinds.GENERAL]).fields
    url = read_url(delivery)
    return setting.template_id, build_data(fields, values_for(message, delivery, url)), url
