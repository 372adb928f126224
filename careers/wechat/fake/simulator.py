"""The fake WeChat's "phone" (模拟微信): pages where a newcomer (or a test) acts as a simulated WeChat user.

    GET  /_sim/               the simulated users, and a form to scan a QR code (by scene or ticket; prefilled from
                              ?scene= / ?ticket=, which our QR pages link to as "用模拟微信扫码" in fake mode)
    POST /_sim/scan           openid (or a new user's nickname) + scene/ticket → official.push_event: 扫码关注
                              (subscribe, EventKey "qrscene_<scene>") for a user not yet following, else SCAN
                              (EventKey "<scene>"); shows WeChat's reply as the user would read it
    GET  /_sim/oauth          网页授权: choose the user (redirect_uri, state, appid kept)
    POST /_sim/oauth          → redirect to redirect_uri?code=…&state=… (the code exchanges for that openid)

State lives in fake.state["official"] (users: openid → {"nickname", "subscribed"}; oauth_codes: code → openid;
qrcodes: ticket → {"scene"…}), shared with official.py; `scan(fake, openid, scene=…)` is the same as the form
for tests.
"""

import html
import secrets
import urllib.parse

from .server import route

STYLE = ("body{font-family:system-ui,sans-serif;max-width:420px;margin:1rem auto;padding:0 1rem}"
         "li{margin:.3rem 0}button{padding:.3rem .8rem}.reply{background:#95ec69;padding:.6rem;border-radius:6px}"
         "label{display:block;margin:.4rem 0}")


def _state(fake):
    with fake.lock:
        return fake.state.setdefault("official", {})


def users(fake):
    """[(openid, nickname, subscribed)] whatever shape official.py keeps its users in."""
    raw = _state(fake).setdefault("users", {})
    items = raw.items() if isinstance(raw, dict) else ((u.get("openid"), u) for u in raw)
    rows = []
    for openid, info in items:
        info = info if isinstance(info, dict) else {"nickname": str(info)}
        rows.append((openid, info.get("nickname", openid), bool(info.get("subscribed", info.get("subscribe", 0)))))
    return rows


def new_user(fake, nickname):
    from . import official

    add = getattr(official, "add_user", None)
    if add is not None:
        try:
            made = add(fake, nickname)
        except TypeError:
            made = None
        if made:
            return made if isinstance(made, str) else made.get("openid")
    openid = "o_sim_" + secrets.token_hex(10)
    raw = _state(fake).setdefault("users", {})
    if isinstance(raw, dict):
        raw[openid] = {"openid": openid, "nickname": nickname, "subscribed": False}
    else:
        raw.append({"openid": openid, "nickname": nickname, "subscribed": False})
    return openid


def _user_info(fake, openid):
    raw = _state(fake).get("users", {})
    if isinstance(raw, dict):
        return raw.get(openid)
    return next((u for u in raw if u.get("openid") == openid), None)


def scene_of(fake, ticket):
    """The scene string of a temporary QR the fake issued (official.py's qrcodes), or ""."""
    codes = _state(fake).get("qrcodes", {})
    info = codes.get(ticket) if isinstance(codes, dict) else None
    if not isinstance(info, dict):
        return ""
    scene = info.get("scene") or info.get("scene_str") or info.get("action_info", {}).get("scene", {})
    if isinstance(scene, dict):
        scene = scene.get("scene_str") or scene.get("scene_id") or ""
    return str(scene)


def scan(fake, openid, *, scene="", ticket=""):
    """One simulated scan: subscribe+qrscene_ for a user not following yet, SCAN otherwise. Returns push_event's
    answer (the callback's reply)."""
    from . import official

    scene = scene or scene_of(fake, ticket)
    info = _user_info(fake, openid)
    following = bool(info and info.get("subscribed", info.get("subscribe", 0)))
    if following:
        answer = official.push_event(fake, openid, "SCAN", EventKey=scene, Ticket=ticket)
    else:
        answer = official.push_event(fake, openid, "subscribe", EventKey="qrscene_" + scene, Ticket=ticket)
        if isinstance(info, dict):
            info["subscribed"] = info["subscribe"] = 1
    return answer


def issue_oauth_code(fake, openid):
    from . import official

    issue = getattr(official, "issue_oauth_code", None)
    if issue is not None:
        return issue(fake, openid)
    code = "simcode_" + secrets.token_urlsafe(12)
    _state(fake).setdefault("oauth_codes", {})[code] = openid
    return code


def _page(title, body):
    return (200, {"Content-Type": "text/html; charset=utf-8"},
            f'<!doctype html><html lang="zh-hans"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>")


def _form(request):
    return {k: v[-1] for k, v in urllib.parse.parse_qs(request.body.decode("utf-8", "replace")).items()}


def _user_choices(fake):
    options = "".join(f'<li><label><input type="radio" name="openid" value="{html.escape(o)}"> '
                      f'{html.escape(n)} <small>{html.escape(o)}{"（已关注）" if s else ""}</small></label></li>'
                      for o, n, s in users(fake))
    return (f"<ul>{options or '<li>还没有模拟用户</li>'}</ul>"
            '<label>或新建模拟用户，昵称：<input name="nickname" value="" placeholder="如：小明"></label>')


def _chosen(fake, form):
    openid = form.get("openid", "")
    if not openid:
        openid = new_user(fake, form.get("nickname", "").strip() or "模拟用户")
    return openid


@route("GET", "/_sim/")
def home(fake, request):
    scene = html.escape(request.query.get("scene", ""))
    ticket = html.escape(request.query.get("ticket", ""))
    return _page("模拟微信", (
        "<p>以模拟的微信用户身份扫描网站上的二维码（绑定微信、扫码登录）。</p>"
        '<form method="post" action="/_sim/scan">' + _user_choices(fake)
        + f'<label>二维码场景值 <input name="scene" value="{scene}" size="34"></label>'
        f'<label>或二维码 ticket <input name="ticket" value="{ticket}" size="34"></label>'
        '<button>扫一扫</button></form>' + _received(fake)))


def _received(fake, limit=30):
    """The template messages WeChat "delivered" to the simulated users' phones, newest first."""
    names = {openid: nickname for openid, nickname, _ in users(fake)}
    with fake.lock:
        sent = list(getattr(fake, "sent_templates", []))[-limit:][::-1]
    if not sent:
        return "<h2>收到的模板消息</h2><p>还没有。</p>"
    items = []
    for item in sent:
        data = item.get("data") or {}
        lines = "".join(f"<div>{html.escape(str(key))}：{html.escape(str((value or {}).get('value', '')))}</div>"
                        for key, value in data.items() if isinstance(value, dict))
        link = item.get("url") or ""
        more = f'<a href="{html.escape(link)}">详情</a>' if link.startswith(("http://", "https://")) else ""
        who = names.get(item.get("touser", ""), item.get("touser", ""))
        items.append(f"<li><strong>{html.escape(str(who))}</strong>{lines}{more}</li>")
    return f"<h2>收到的模板消息（最近 {len(sent)} 条）</h2><ul>{''.join(items)}</ul>"


@route("POST", "/_sim/scan")
def do_scan(fake, request):
    form = _form(request)
    if not (form.get("scene") or form.get("ticket")):
        return _page("模拟微信", "<p>请填写二维码场景值或 ticket。</p><p><a href='/_sim/'>返回</a></p>")
    openid = _chosen(fake, form)
    answer = scan(fake, openid, scene=form.get("scene", ""), ticket=form.get("ticket", ""))
    reply = _reply_text(answer)
    return _page("模拟微信", (f"<p>{html.escape(openid)} 已扫码。</p>"
                             + (f'<p class="reply">公众号回复：{html.escape(reply)}</p>' if reply else "")
                             + "<p>回到网页查看结果（页面每 2 秒自动刷新状态）。</p><p><a href='/_sim/'>返回</a></p>"))


def _reply_text(answer):
    """The text of the callback's reply, whatever push_event returns (a str, bytes, a dict or a reply object)."""
    if answer is None:
        return ""
    if isinstance(answer, dict):
        return str(answer.get("Content") or answer.get("content") or "")
    if isinstance(answer, bytes):
        answer = answer.decode("utf-8", "replace")
    text = str(getattr(answer, "content", answer))
    if "<Content>" in text:
        start = text.index("<Content>") + len("<Content>")
        text = text[start:text.index("</Content>", start)]
        text = text.removeprefix("<![CDATA[").removesuffix("]]>")
    return text if not text.lstrip().startswith("<") else ""


@route("GET", "/_sim/oauth")
def oauth(fake, request):
    keep = "".join(f'<input type="hidden" name="{k}" value="{html.escape(request.query.get(k, ""))}">'
                   for k in ("redirect_uri", "state", "appid", "scope"))
    return _page("微信网页授权", ("<p>网页请求获取你的微信身份（openid）。选择以哪个模拟用户授权：</p>"
                              '<form method="post" action="/_sim/oauth">' + keep + _user_choices(fake)
                              + '<button>允许</button></form>'))


@route("POST", "/_sim/oauth")
def oauth_approve(fake, request):
    form = _form(request)
    redirect_uri = form.get("redirect_uri", "")
    if not redirect_uri.startswith(("http://", "https://")):
        return 400, {}, {"errcode": 10003, "errmsg": "redirect_uri 参数错误"}
    code = issue_oauth_code(fake, _chosen(fake, form))
    query = urllib.parse.urlencode({"code": code, "state": form.get("state", "")})
    return 302, {"Location": f"{redirect_uri}{'&' if '?' in redirect_uri else '?'}{query}"}, ""
