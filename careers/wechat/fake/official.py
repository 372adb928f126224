"""The fake api.weixin.qq.com / open.weixin.qq.com / mp.weixin.qq.com: what the official-account client calls, and the
pushes WeChat makes to the site's callback — signed and (in safe mode) encrypted with this module's OWN implementation
of WeChat's SHA-1 signature and AES-CBC message encryption, so the tests do not check production code against itself.

State (fake.state["official"]):
    users       {openid: {"openid", "nickname", "subscribed", "blocked_templates", ...}}   (add_user)
    tokens      {access_token: expires_at}              fake.expire_tokens() makes every one expired (→ 42001)
    menu        the last created menu (dict) or None
    templates   None (any template id is accepted) or a set of known ids (add_template) → unknown: 40037
    quota_per_day / sent_today                          template sends per day → 45009 over quota
    qrcodes     {ticket: {"scene", "expires_at", "url"}}
    oauth_codes {code: (openid, expires_at)}            single-use, 5 minutes

Helpers for tests and the simulator:
    add_user(fake, nickname, subscribed=True) -> openid;  add_template(fake, template_id)
    event_xml(fake, openid, event, **fields) / text_xml(fake, openid, content) -> plaintext XML WeChat would send
    signed_push(fake, xml, timestamp=None, nonce=None) -> (query_string, body)  (signed/encrypted per fake.message_mode)
    push_event(fake, openid, event, **fields) / push_text(fake, openid, content) -> the site's reply, decrypted
    scan(fake, openid, ticket) -> reply (subscribe with qrscene_<scene> for a new follower, SCAN otherwise)
    issue_oauth_code(fake, openid) -> code;  decrypt_reply(fake, body) -> plaintext XML
"""

import base64
import hashlib
import io
import secrets
import struct
import threading
import time
import urllib.parse
import urllib.request

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from .server import route

TOKEN_SECONDS = 7200
OAUTH_CODE_SECONDS = 300
MAX_QR_SECONDS = 2592000
PUSH_DELAY = 0.05  # the template-send result event follows the send by this much


def setup(fake):
    fake.state["official"] = {
        "users": {}, "tokens": {}, "menu": None, "templates": None, "quota_per_day": 100_000, "sent_today": {},
        "qrcodes": {}, "oauth_codes": {}, "oauth_tokens": {}, "jsapi_tickets": {}, "msgid": 1000,
    }
    fake.sent_templates = []  # every accepted template message (dict)
    fake.outbox = []  # pushes made while no callback_url is set: (query_string, body)
    fake.push_errors = []  # pushes the site refused or that failed to arrive: (status, body)
    if not hasattr(fake, "message_mode"):
        fake.message_mode = "safe" if fake.encoding_aes_key else "plain"


def _state(fake):
    return fake.state["official"]


def _error(errcode, errmsg):
    return 200, {}, {"errcode": errcode, "errmsg": errmsg}


# -- simulated users ------------------------------------------------------------------------------------------

def add_user(fake, nickname, subscribed=True, **extra):
    openid = "o" + secrets.token_urlsafe(21)[:27]
    with fake.lock:
        _state(fake)["users"][openid] = {"openid": openid, "nickname": nickname, "subscribed": bool(subscribed),
                                         "subscribe_time": int(time.time()), "blocked_templates": False, **extra}
    return openid


def add_template(fake, template_id):
    with fake.lock:
        if _state(fake)["templates"] is None:
            _state(fake)["templates"] = set()
        _state(fake)["templates"].add(template_id)


def expire_tokens(fake):
    with fake.lock:
        tokens = _state(fake)["tokens"]
        for token in tokens:
            tokens[token] = 0


def _check_token(fake, request):
    """None when the request's access_token is valid, else WeChat's error answer."""
    token = request.query.get("access_token", "")
    with fake.lock:
        expires_at = _state(fake)["tokens"].get(token)
    if not token:
        return _error(41001, "access_token missing")
    if expires_at is None:
        return _error(40001, "invalid credential, access_token is invalid or not latest")
    if expires_at <= time.time():
        return _error(42001, "access_token expired")
    return None


# -- access token -----------------------------------------------------------------------------------------------

@route("GET", "/cgi-bin/token")
def token(fake, request):
    q = request.query
    if q.get("grant_type") != "client_credential":
        return _error(40002, "invalid grant_type")
    if q.get("appid") != fake.app_id:
        return _error(40013, "invalid appid")
    if q.get("secret") != fake.app_secret:
        return _error(40125, "invalid appsecret")
    value = secrets.token_urlsafe(96)[:128]
    with fake.lock:
        _state(fake)["tokens"][value] = time.time() + TOKEN_SECONDS
    return 200, {}, {"access_token": value, "expires_in": TOKEN_SECONDS}


# -- menu -------------------------------------------------------------------------------------------------------

def validate_menu(data):
    """WeChat's menu limits: (errcode, errmsg) or None."""
    buttons = data.get("button") if isinstance(data, dict) else None
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 3:
        return 40016, "invalid button size"
    for button in buttons:
        if not isinstance(button, dict) or len(str(button.get("name", "")).encode()) > 16 or not button.get("name"):
            return 40018, "invalid button name size"
        subs = button.get("sub_button")
        if subs:
            if not isinstance(subs, list) or len(subs) > 5:
                return 40017, "invalid sub button size"
            for sub in subs:
                if not isinstance(sub, dict) or not sub.get("name") or len(str(sub["name"]).encode()) > 60:
                    return 40018, "invalid sub button name size"
                if sub.get("type") not in ("click", "view", "scancode_push", "scancode_waitmsg", "miniprogram",
                                           "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select"):
                    return 40017, "invalid button type"
        elif button.get("type") not in ("click", "view", "scancode_push", "scancode_waitmsg", "miniprogram",
                                        "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select"):
            return 40017, "invalid button type"
    return None


@route("POST", "/cgi-bin/menu/create")
def menu_create(fake, request):
    denied = _check_token(fake, request)
    if denied:
        return denied
    try:
        data = request.json()
    except ValueError:
        return _error(47001, "data format error")
    problem = validate_menu(data)
    if problem:
        return _error(*problem)
    with fake.lock:
        _state(fake)["menu"] = data
    return _error(0, "ok")


@route("GET", "/cgi-bin/menu/get")
def menu_get(fake, request):
    denied = _check_token(fake, request)
    if denied:
        return denied
    menu = _state(fake)["menu"]
    if not menu:
        return _error(46003, "menu no exist")
    return 200, {}, {"menu": menu}


@route("GET", "/cgi-bin/menu/delete")
def menu_delete(fake, request):
    denied = _check_token(fake, request)
    if denied:
        return denied
    with fake.lock:
        _state(fake)["menu"] = None
    return _error(0, "ok")


# -- template messages ------------------------------------------------------------------------------------------

@route("POST", "/cgi-bin/message/template/send")
def template_send(fake, request):
    denied = _check_token(fake, request)
    if denied:
        return denied
    try:
        data = request.json()
    except ValueError:
        return _error(47001, "data format error")
    state = _state(fake)
    with fake.lock:
        user = state["users"].get(data.get("touser", ""))
        if user is None:
            return _error(40003, "invalid openid")
        if not user["subscribed"]:
            return _error(43004, "require subscribe")
        if user.get("refused"):
            return _error(43101, "user refuse to accept the msg")
        known = state["templates"]
        if not data.get("template_id") or known is not None and data["template_id"] not in known:
            return _error(40037, "invalid template_id")
        today = time.strftime("%Y-%m-%d")
        if state["sent_today"].get(today, 0) >= state["quota_per_day"]:
            return _error(45009, "reach max api daily quota limit")
        state["sent_today"][today] = state["sent_today"].get(today, 0) + 1
        state["msgid"] += 1
        msgid = state["msgid"]
        fake.sent_templates.append({"msgid": msgid, "touser": data["touser"], "template_id": data["template_id"],
                                    "url": data.get("url", ""), "data": data.get("data", {}), "at": time.time()})
        status = "failed:user block" if user.get("blocked_templates") else "success"
    xml = event_xml(fake, data["touser"], "TEMPLATESENDJOBFINISH", MsgID=msgid, Status=status)
    if fake.callback_url:
        timer = threading.Timer(PUSH_DELAY, _deliver_quietly, (fake, xml))
        timer.daemon = True
        timer.start()
    else:
        with fake.lock:
            fake.outbox.append(signed_push(fake, xml))
    return 200, {}, {"errcode": 0, "errmsg": "ok", "msgid": msgid}


def _deliver_quietly(fake, xml):
    try:
        deliver(fake, xml)
    except Exception as exc:  # noqa: BLE001 - a background push: record and carry on
        with fake.lock:
            fake.push_errors.append((0, repr(exc)))


# -- users ------------------------------------------------------------------------------------------------------

@route("GET", "/cgi-bin/user/info")
def user_info(fake, request):
    denied = _check_token(fake, request)
    if denied:
        return denied
    user = _state(fake)["users"].get(request.query.get("openid", ""))
    if user is None:
        return _error(40003, "invalid openid")
    if not user["subscribed"]:
        return 200, {}, {"subscribe": 0, "openid": user["openid"]}
    return 200, {}, {"subscribe": 1, "openid": user["openid"], "nickname": user["nickname"], "sex": 0,
                     "language": "zh_CN", "city": "", "province": "", "country": "中国", "headimgurl": "",
                     "subscribe_time": user["subscribe_time"], "unionid": user.get("unionid", ""), "remark": "",
                     "groupid": 0, "tagid_list": [], "subscribe_scene": "ADD_SCENE_QR_CODE", "qr_scene": 0,
                     "qr_scene_str": user.get("qr_scene_str", "")}


# -- QR codes ---------------------------------------------------------------------------------------------------

@route("POST", "/cgi-bin/qrcode/create")
def qrcode_create(fake, request):
    denied = _check_token(fake, request)
    if denied:
        return denied
    try:
        data = request.json()
    except ValueError:
        return _error(47001, "data format error")
    action = data.get("action_name")
    scene = (data.get("action_info") or {}).get("scene") or {}
    if action == "QR_STR_SCENE":
        value = scene.get("scene_str")
        if not value or len(str(value)) > 64:
            return _error(40009, "invalid scene_str")
    elif action == "QR_SCENE":
        value = scene.get("scene_id")
        if not isinstance(value, int) or value <= 0:
            return _error(40009, "invalid scene_id")
    else:
        return _error(40097, "invalid action_name (only temporary codes are simulated)")
    try:
        expire_seconds = int(data.get("expire_seconds", 30))
    except (TypeError, ValueError):
        return _error(40097, "invalid expire_seconds")
    if not 1 <= expire_seconds <= MAX_QR_SECONDS:
        return _error(40097, "invalid expire_seconds")
    ticket = "gQ" + secrets.token_urlsafe(36)
    url = f"{fake.url}/q/{ticket[2:18]}"
    with fake.lock:
        _state(fake)["qrcodes"][ticket] = {"scene": str(value), "expires_at": time.time() + expire_seconds,
                                           "url": url}
    return 200, {}, {"ticket": ticket, "expire_seconds": expire_seconds, "url": url}


@route("GET", "/cgi-bin/showqrcode")
def showqrcode(fake, request):
    import segno

    code = _state(fake)["qrcodes"].get(request.query.get("ticket", ""))
    if code is None:
        return 404, {}, "ticket not found"
    buffer = io.BytesIO()
    segno.make(code["url"], error="m").save(buffer, kind="png", scale=5, border=2)
    return 200, {"Content-Type": "image/png"}, buffer.getvalue()


def qrcode_for(fake, ticket_or_url):
    """The stored QR code (dict with "ticket") for a ticket or its content URL, or None."""
    with fake.lock:
        for ticket, code in _state(fake)["qrcodes"].items():
            if ticket_or_url in (ticket, code["url"]):
                return {"ticket": ticket, **code}
    return None


def scan(fake, openid, ticket_or_url):
    """A simulated user scans a temporary QR code: WeChat pushes subscribe (qrscene_<scene>) for a new follower,
    SCAN for a follower. Returns the site's reply; None when the code is unknown or expired (WeChat pushes nothing)."""
    code = qrcode_for(fake, ticket_or_url)
    if code is None or code["expires_at"] < time.time():
        return None
    user = _state(fake)["users"][openid]
    if user["subscribed"]:
        return push_event(fake, openid, "SCAN", EventKey=code["scene"], Ticket=code["ticket"])
    with fake.lock:
        user["subscribed"] = True
        user["qr_scene_str"] = code["scene"]
    return push_event(fake, openid, "subscribe", EventKey="qrscene_" + code["scene"], Ticket=code["ticket"])


# -- OAuth (网页授权) -------------------------------------------------------------------------------------------

def issue_oauth_code(fake, openid):
    code = secrets.token_urlsafe(24)
    with fake.lock:
        _state(fake)["oauth_codes"][code] = (openid, time.time() + OAUTH_CODE_SECONDS)
    return code


def oauth_redirect(fake, redirect_uri, state, openid):
    """The 302 WeChat answers once the user approved: back to `redirect_uri` with code and state."""
    code = issue_oauth_code(fake, openid)
    sep = "&" if "?" in redirect_uri else "?"
    return 302, {"Location": f"{redirect_uri}{sep}{urllib.parse.urlencode({'code': code, 'state': state})}"}, ""


@route("GET", "/connect/oauth2/authorize")
def oauth_authorize(fake, request):
    q = request.query
    if q.get("appid") != fake.app_id:
        return 400, {}, "appid 参数错误"
    if not q.get("redirect_uri") or q.get("response_type") != "code":
        return 400, {}, "redirect_uri 参数错误"
    hook = fake.state.get("oauth_authorize")
    if hook:
        return hook(fake, request)
    with fake.lock:
        users = [u for u in _state(fake)["users"].values() if u["subscribed"]]
    openid = users[0]["openid"] if users else add_user(fake, "微信用户")
    return oauth_redirect(fake, q["redirect_uri"], q.get("state", ""), openid)


@route("GET", "/sns/oauth2/access_token")
def oauth_access_token(fake, request):
    q = request.query
    if q.get("appid") != fake.app_id:
        return _error(40013, "invalid appid")
    if q.get("secret") != fake.app_secret:
        return _error(40125, "invalid appsecret")
    with fake.lock:
        entry = _state(fake)["oauth_codes"].pop(q.get("code", ""), None)
    if entry is None:
        return _error(40029, "invalid code")
    openid, expires_at = entry
    if expires_at < time.time():
        return _error(40163, "code been used or expired")
    token = secrets.token_urlsafe(32)
    return 200, {}, {"access_token": token, "expires_in": 7200, "refresh_token": secrets.token_urlsafe(32),
                     "openid": openid, "scope": q.get("scope", "snsapi_base")}


# -- JS-SDK -----------------------------------------------------------------------------------------------------

@route("GET", "/cgi-bin/ticket/getticket")
def getticket(fake, request):
    denied = _check_token(fake, request)
    if denied:
        return denied
    if request.query.get("type") not in ("jsapi", "wx_card"):
        return _error(40097, "invalid type")
    ticket = secrets.token_urlsafe(64)
    with fake.lock:
        _state(fake)["jsapi_tickets"][ticket] = time.time() + 7200
    return 200, {}, {"errcode": 0, "errmsg": "ok", "ticket": ticket, "expires_in": 7200}


# -- pushes to the site: WeChat's XML, signature and AES (independent of production code) -----------------------

def _cdata(value):
    return "<![CDATA[" + str(value).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _xml(fields):
    parts = []
    for key, value in fields.items():
        parts.append(f"<{key}>{value}</{key}>" if isinstance(value, int) else f"<{key}>{_cdata(value)}</{key}>")
    return "<xml>" + "".join(parts) + "</xml>"


def _camel(name):
    return name if name[:1].isupper() else "".join(part.title() for part in name.split("_"))


def event_xml(fake, openid, event, *, create_time=None, **fields):
    data = {"ToUserName": getattr(fake, "original_id", "gh_fake"), "FromUserName": openid,
            "CreateTime": int(create_time or time.time()), "MsgType": "event", "Event": event}
    data.update({_camel(k): v for k, v in fields.items()})
    return _xml(data)


def text_xml(fake, openid, content, *, msg_id=None, create_time=None):
    return _xml({"ToUserName": getattr(fake, "original_id", "gh_fake"), "FromUserName": openid,
                 "CreateTime": int(create_time or time.time()), "MsgType": "text", "Content": content,
                 "MsgId": int(msg_id or secrets.randbits(62))})


def sha1_signature(*parts):
    return hashlib.sha1("".join(sorted(str(p) for p in parts)).encode()).hexdigest()


def _aes_key(fake):
    return base64.b64decode(fake.encoding_aes_key + "=")


def aes_encrypt(fake, text):
    key = _aes_key(fake)
    raw = text.encode()
    plain = secrets.token_bytes(16) + struct.pack(">I", len(raw)) + raw + fake.app_id.encode()
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def aes_decrypt(fake, text):
    key = _aes_key(fake)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    plain = decryptor.update(base64.b64decode(text)) + decryptor.finalize()
    plain = plain[:-plain[-1]]
    length = struct.unpack(">I", plain[16:20])[0]
    if plain[20 + length:].decode() != fake.app_id:
        raise ValueError("reply encrypted for another AppID")
    return plain[20:20 + length].decode()


def signed_push(fake, xml, *, timestamp=None, nonce=None, mode=None):
    """(query_string, body) of WeChat's POST for the plaintext `xml`, per `mode` (default fake.message_mode)."""
    mode = mode or fake.message_mode
    timestamp = str(int(timestamp or time.time()))
    nonce = nonce or str(secrets.randbelow(10**10))
    openid = xml.split("<FromUserName><![CDATA[", 1)[-1].split("]]>", 1)[0]
    query = {"signature": sha1_signature(fake.token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce,
             "openid": openid}
    if mode == "plain":
        return urllib.parse.urlencode(query), xml.encode()
    encrypted = aes_encrypt(fake, xml)
    query.update(encrypt_type="aes", msg_signature=sha1_signature(fake.token, timestamp, nonce, encrypted))
    to_user = f"<ToUserName>{_cdata(getattr(fake, 'original_id', 'gh_fake'))}</ToUserName>"
    if mode == "compatible":  # the plaintext fields and the ciphertext side by side
        body = xml[:-len("</xml>")] + f"<Encrypt>{_cdata(encrypted)}</Encrypt></xml>"
    else:
        body = f"<xml>{to_user}<Encrypt>{_cdata(encrypted)}</Encrypt></xml>"
    return urllib.parse.urlencode(query), body.encode()


def _tag(xml, name):
    start = xml.find(f"<{name}>")
    if start < 0:
        return None
    value = xml[start + len(name) + 2:xml.find(f"</{name}>", start)]
    return value[9:-3] if value.startswith("<![CDATA[") else value


def decrypt_reply(fake, body):
    """The plaintext of the site's reply: checks the reply's MsgSignature when it is encrypted."""
    text = body.decode() if isinstance(body, bytes) else body
    encrypted = _tag(text, "Encrypt")
    if encrypted is None:
        return text
    signature = sha1_signature(fake.token, _tag(text, "TimeStamp"), _tag(text, "Nonce"), encrypted)
    if signature != _tag(text, "MsgSignature"):
        raise ValueError("reply signature mismatch")
    return aes_decrypt(fake, encrypted)


def deliver(fake, xml):
    """POST the push for `xml` to fake.callback_url (or keep it in fake.outbox); the site's reply in plaintext."""
    query, body = signed_push(fake, xml)
    if not fake.callback_url:
        with fake.lock:
            fake.outbox.append((query, body))
        return None
    sep = "&" if "?" in fake.callback_url else "?"
    request = urllib.request.Request(fake.callback_url + sep + query, data=body, method="POST",
                                     headers={"Content-Type": "text/xml"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            reply = response.read()
    except urllib.error.HTTPError as exc:
        with fake.lock:
            fake.push_errors.append((exc.code, exc.read()[:500]))
        return None
    return decrypt_reply(fake, reply) if reply else ""


def push_event(fake, openid, event, **fields):
    return deliver(fake, event_xml(fake, openid, event, **fields))


def push_text(fake, openid, content):
    return deliver(fake, text_xml(fake, openid, content))
