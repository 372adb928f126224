"""/wechat/callback/: what WeChat pushes to the service account (manual 8.1).

GET verifies the URL (signature + echostr). POST checks the signature and the timestamp (≤ 300 s old), parses the
XML with entities and DTDs refused (defusedxml), decrypts it in safe/compatible mode (WeChatCrypto), drops retries
by their receipt (MsgId, or FromUserName+CreateTime+Event), runs dispatch() and answers its reply — encrypted when
the push was — or "success". Everything refused is logged (logger "careers.wechat.callback") and answered 4xx.
"""

import hashlib
import logging
import secrets
import time

import defusedxml.ElementTree as SafeET
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from wechatpy.crypto import WeChatCrypto
from wechatpy.parser import parse_message
from wechatpy.replies import BaseReply, TextReply

from careers.wechat.account.models import CallbackReceipt, MessageMode, WechatAccount

from .dispatch import dispatch

logger = logging.getLogger("careers.wechat.callback")

MAX_AGE = 300  # seconds a push's timestamp may differ from now
MAX_BODY = 64 * 1024  # WeChat's pushes are a few KB


class Refused(Exception):
    def __init__(self, reason, status=403):
        super().__init__(reason)
        self.status = status


def sha1_signature(*parts):
    return hashlib.sha1("".join(sorted(str(p) for p in parts)).encode()).hexdigest()


def _refuse(request, reason, status):
    logger.warning("WeChat callback refused (%s): %s from %s", status, reason, request.META.get("REMOTE_ADDR", ""))
    return HttpResponse("", status=status, content_type="text/plain")


def _check_signature(account, query, now):
    signature, timestamp, nonce = query.get("signature", ""), query.get("timestamp", ""), query.get("nonce", "")
    if not (signature and timestamp and nonce):
        raise Refused("missing signature")
    if not timestamp.isdigit() or abs(now - int(timestamp)) > MAX_AGE:
        raise Refused("stale or invalid timestamp")
    if not constant_time_compare(sha1_signature(account.token, timestamp, nonce), signature):
        raise Refused("bad signature")
    return timestamp, nonce


def parse_xml(data):
    """The <xml> element's direct children as {tag: text}; Refused(400) for anything not plain, well-formed XML
    (DTDs, entities and external references are refused before anything is expanded or fetched)."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as exc:  # noqa: BLE001 - ParseError, DTDForbidden, EntitiesForbidden, decoding errors
        raise Refused(f"unsafe or malformed XML ({type(exc).__name__})", 400) from exc
    if root.tag != "xml":
        raise Refused("root element is not <xml>", 400)
    return {child.tag: (child.text or "") for child in root}


def receipt_key(fields):
    """MsgId for messages; FromUserName+CreateTime+Event (+EventKey/MsgID, same in every retry) for events."""
    if fields.get("MsgId"):
        key = f"msg:{fields['MsgId']}"
    else:
        key = "evt:" + ":".join(fields.get(name, "") for name in ("FromUserName", "CreateTime", "Event", "EventKey",
                                                                    "MsgID"))
    return key if len(key) <= 120 else "h:" + hashlib.sha256(key.encode()).hexdigest()


def _render(reply, msg):
    if reply is None:
        return None
    if isinstance(reply, str):
        reply = TextReply(message=msg, content=reply)
    if isinstance(reply, BaseReply):
        if not reply.target:
            reply.source, reply.target = msg.target, msg.source
        return reply.render()
    logger.error("WeChat callback handler returned %r: expected a str or a wechatpy reply", type(reply))
    return None


def handle_post(request, account, timestamp, nonce):
    body = request.body
    if len(body) > MAX_BODY:
        raise Refused("body too large", 400)
    query = request.GET
    encrypted = query.get("encrypt_type") == "aes"
    mode = account.message_mode
    if mode == MessageMode.SAFE and not encrypted:
        raise Refused("plaintext push while the account is in safe mode")
    envelope = parse_xml(body)
    crypto = None
    if encrypted:
        if mode == MessageMode.PLAIN or not account.encoding_aes_key:
            raise Refused("encrypted push while the account is in plaintext mode")
        if not query.get("msg_signature"):
            raise Refused("missing msg_signature")
        if "Encrypt" not in envelope:
            raise Refused("no Encrypt element", 400)
        if not constant_time_compare(
                sha1_signature(account.token, timestamp, nonce, envelope["Encrypt"]), query["msg_signature"]):
            raise Refused("bad msg_signature")
        try:
            crypto = WeChatCrypto(account.token, account.encoding_aes_key, account.app_id)
            xml = crypto.decrypt_message({"Encrypt": envelope["Encrypt"]}, query["msg_signature"], timestamp, nonce)
        except Exception as exc:  # noqa: BLE001 - padding, base64, AppID mismatch, decoding: all the sender's fault
            raise Refused(f"cannot decrypt ({type(exc).__name__})", 400) from exc
        fields = parse_xml(xml.encode() if isinstance(xml, str) else xml)
    else:
        xml, fields = body, envelope
    if not fields.get("MsgType") or not fields.get("FromUserName"):
        raise Refused("not a WeChat message (no MsgType/FromUserName)", 400)
    try:
        msg = parse_message(xml)  # safe: parse_xml refused any DTD or entity above
        msg.source, msg.type  # noqa: B018 - field conversion errors surface here, not in a handler
    except Exception as exc:  # noqa: BLE001
        raise Refused(f"unparseable message ({type(exc).__name__})", 400) from exc

    try:
        with transaction.atomic():
            CallbackReceipt.objects.create(key=receipt_key(fields))
            reply = _render(dispatch(msg), msg)
    except IntegrityError:
        logger.info("WeChat callback retry dropped: %s", receipt_key(fields))
        return HttpResponse("success", content_type="text/plain")
    if reply is None:
        return HttpResponse("success", content_type="text/plain")
    if crypto is not None:
        reply = crypto.encrypt_message(reply, secrets.token_hex(8), str(int(time.time())))
    return HttpResponse(reply, content_type="application/xml; charset=utf-8")


@csrf_exempt
def callback(request):
    if request.method not in ("GET", "POST"):
        return _refuse(request, f"method {request.method}", 405)
    account = WechatAccount.objects.filter(pk=1).only(
        "token", "encoding_aes_key", "app_id", "message_mode", "enabled").first()
    if account is None or not account.token:
        return _refuse(request, "WeChat access is not configured", 403)
    try:
        timestamp, nonce = _check_signature(account, request.GET, time.time())
        if request.method == "GET":
            echostr = request.GET.get("echostr", "")
            if not echostr:
                raise Refused("GET without echostr", 400)
            return HttpResponse(echostr, content_type="text/plain")
        return handle_post(request, account, timestamp, nonce)
    except Refused as refused:
        return _refuse(request, str(refused), refused.status)
