"""Every write of the binding area: bind / unbind an account, open a bind or login QR code, and what a scan of one
of our QR codes does (called by the callback handlers in handlers.py).

Rules: one account ↔ one openid (both unique). An openid already bound to ANOTHER account is refused (the other
account must unbind first); an account already bound to a different openid is refused too (unbind, then bind the
new WeChat). Binding the same pair again is a no-op. Every bind and unbind is in the operation log.
"""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from careers.core.history import log_event

from .models import BindingSource, QrLogin, QrPurpose, QrStatus, WechatBinding

BIND_TTL = datetime.timedelta(minutes=5)
LOGIN_TTL = datetime.timedelta(minutes=2)
LOGIN_GRACE = datetime.timedelta(seconds=30)  # a code scanned just before expiry may still sign the browser in
OPEN = (QrStatus.WAITING, QrStatus.SCANNED)
SCENE_PREFIX = {QrPurpose.BIND: "ccb_", QrPurpose.LOGIN: "ccl_"}

OPENID_TAKEN = "该微信已绑定其他账号，如需改绑，请先登录该账号解除绑定。"
USER_TAKEN = "您的账号已绑定另一个微信，请先解除绑定后再绑定新的微信。"
CODE_USED = "该二维码已使用，请在网页上重新打开二维码后再扫码。"
CODE_EXPIRED = "该二维码已过期，请在网页上重新打开二维码后再扫码。"
NOT_BOUND = "该微信尚未绑定就业系统账号。请先用账号密码登录，在“绑定微信”页面扫码绑定后，再使用扫码登录。"
INACTIVE = "该微信绑定的账号已停用，无法登录，请联系学校就业指导中心。"


def binding_of(user):
    return WechatBinding.objects.filter(user=user).first() if user and user.pk else None


def describe(user):
    return f"{user.name}（{user.username}）" if user.name else user.username


class BindingError(Exception):
    """A refused bind; the message is shown to the user (web page or WeChat reply)."""

    def __init__(self, message, *, conflict_user_id=None):
        super().__init__(message)
        self.conflict_user_id = conflict_user_id


def bind(user, openid, *, source, nickname="", unionid="", subscribed=True, acting_user=None):
    """Bind `user` to `openid`; returns the binding, or raises BindingError (nothing written but the log entry of a
    refused takeover of another account's WeChat)."""
    try:
        with transaction.atomic():
            return _bind(user, openid, source=source, nickname=nickname, unionid=unionid, subscribed=subscribed,
                         acting_user=acting_user)
    except BindingError as exc:
        if exc.conflict_user_id:
            log_event("other", module="wechat", obj=user, user=acting_user or user,
                      message=f"绑定微信被拒绝：该微信已绑定其他账号（账号ID {exc.conflict_user_id}）")
        raise


def _bind(user, openid, *, source, nickname, unionid, subscribed, acting_user):
    openid = (openid or "").strip()
    if not openid:
        raise BindingError("没有取得微信身份，请重试。")
    if not user.is_active:
        raise BindingError("账号已停用，不能绑定微信。")
    taken = WechatBinding.objects.select_for_update().filter(openid=openid).first()
    if taken and taken.user_id != user.pk:
        raise BindingError(OPENID_TAKEN, conflict_user_id=taken.user_id)
    own = WechatBinding.objects.select_for_update().filter(user=user).first()
    if own and own.openid != openid:
        raise BindingError(USER_TAKEN)
    if own:  # the same pair again: only refresh what WeChat told us
        own.subscribed = subscribed
        own.nickname = nickname or own.nickname
        own.save(update_fields=["subscribed", "nickname", "updated_at"])
        return own
    try:
        with transaction.atomic():
            binding = WechatBinding.objects.create(user=user, openid=openid, unionid=unionid or "",
                                                   nickname=nickname or "", source=source, subscribed=subscribed)
    except IntegrityError:  # a concurrent bind of the same openid or account won the race
        raise BindingError(OPENID_TAKEN) from None
    log_event("create", module="wechat", obj=binding, user=acting_user or user,
              message=f"绑定微信（{BindingSource(source).label}）：{describe(user)}")
    return binding


@transaction.atomic
def unbind(user, *, acting_user=None, reason=""):
    """Remove `user`'s binding; returns True when there was one. Open bind codes of the account are expired."""
    binding = WechatBinding.objects.select_for_update().filter(user=user).first()
    if binding is None:
        return False
    openid = binding.openid
    binding.delete()
    QrLogin.objects.filter(user=user, purpose=QrPurpose.BIND, status__in=OPEN).update(status=QrStatus.EXPIRED)
    by_admin = acting_user is not None and acting_user.pk != user.pk
    log_event("delete", module="wechat", obj=user, user=acting_user or user,
              changes={"openid": [openid[:6] + "…", ""]},
              message=(f"管理员解除微信绑定：{describe(user)}" if by_admin else "解除微信绑定")
              + (f"（{reason}）" if reason else ""))
    return True


def new_code(purpose, user=None):
    """A QrLogin with an unguessable scene and polling token (not yet registered with WeChat)."""
    ttl = BIND_TTL if purpose == QrPurpose.BIND else LOGIN_TTL
    return QrLogin(purpose=purpose, user=user, scene=SCENE_PREFIX[purpose] + secrets.token_urlsafe(18),
                   token=secrets.token_urlsafe(32), expires_at=timezone.now() + ttl)


def wechat_api():
    """The official-account client (looked up on each call; WechatError(code="not_configured") when unset)."""
    from careers.wechat.api import client

    return client.api()


def open_code(purpose, user=None, *, client=None):
    """Create the code and its temporary WeChat QR (client.create_temp_qrcode); WechatError goes to the caller."""
    code = new_code(purpose, user)
    ttl = BIND_TTL if purpose == QrPurpose.BIND else LOGIN_TTL
    answer = (client or wechat_api()).create_temp_qrcode(code.scene, int(ttl.total_seconds()))
    code.ticket = str(answer.get("ticket", ""))[:200]
    code.qr_url = str(answer.get("url", ""))[:300]
    if purpose == QrPurpose.BIND:  # one open bind code per account: older ones stop working
        QrLogin.objects.filter(user=user, purpose=QrPurpose.BIND, status__in=OPEN).update(status=QrStatus.EXPIRED)
    code.save()
    return code


def current_status(code, now=None):
    """The code's status, an open code past its expiry counting (and saved) as expired."""
    now = now or timezone.now()
    if code.status in OPEN and code.expires_at <= now:
        QrLogin.objects.filter(pk=code.pk, status__in=OPEN).update(status=QrStatus.EXPIRED)
        code.status = QrStatus.EXPIRED
    return code.status


def scanned(openid, scene, *, subscribe=False):
    """A WeChat user scanned one of our QR codes (subscribe with qrscene_ or SCAN). Returns the Chinese text
    reply, or None when the scene is not one of our codes."""
    openid = (openid or "").strip()
    if not scene or not openid or not scene.startswith(tuple(SCENE_PREFIX.values())):
        return None
    with transaction.atomic():
        code = QrLogin.objects.select_for_update().filter(scene=scene).first()
        if code is None:
            return None
        if subscribe:
            WechatBinding.objects.filter(openid=openid, subscribed=False).update(subscribed=True)
        now = timezone.now()
        if code.status not in OPEN:
            return CODE_EXPIRED if code.status == QrStatus.EXPIRED else CODE_USED
        if code.expires_at <= now:
            code.status = QrStatus.EXPIRED
            code.save(update_fields=["status"])
            return CODE_EXPIRED
        code.openid = openid
        if code.purpose == QrPurpose.BIND:
            return _scan_bind(code, openid)
        return _scan_login(code, openid)


def _scan_bind(code, openid):
    user = code.user
    try:
        bind(user, openid, source=BindingSource.QR)  # its own savepoint; a refusal's log entry stays
    except BindingError as exc:
        code.status, code.note = QrStatus.REFUSED, str(exc)[:200]
        code.save(update_fields=["status", "note", "openid"])
        return str(exc)
    code.status, code.note = QrStatus.DONE, "绑定成功"
    code.save(update_fields=["status", "note", "openid"])
    return f"绑定成功：您的微信已绑定账号 {describe(user)}。今后可在微信接收系统消息，并可在电脑上用微信扫码登录。"


def _scan_login(code, openid):
    binding = WechatBinding.objects.select_related("user").filter(openid=openid).first()
    if binding is None:
        code.status, code.note = QrStatus.REFUSED, "该微信未绑定账号"
        code.save(update_fields=["status", "note", "openid"])
        return NOT_BOUND
    if not binding.user.is_active:
        code.status, code.note = QrStatus.REFUSED, "账号已停用"
        code.save(update_fields=["status", "note", "openid"])
        return INACTIVE
    code.status, code.user, code.note = QrStatus.DONE, binding.user, "已确认"
    code.save(update_fields=["status", "user", "note", "openid"])
    return f"扫码成功，网页将自动登录账号 {describe(binding.user)}。如非本人操作，请立即修改密码。"


def consume_login(token, now=None):
    """The single use of a DONE login code: returns its user (active) and marks it USED, or returns None."""
    if not token:
        return None
    now = now or timezone.now()
    with transaction.atomic():
        code = (QrLogin.objects.select_for_update(of=("self",)).select_related("user")
                .filter(token=token, purpose=QrPurpose.LOGIN).first())
        if code is None or code.status != QrStatus.DONE or code.expires_at + LOGIN_GRACE <= now:
            return None
        code.status = QrStatus.USED
        code.save(update_fields=["status"])
        user = code.user
    return user if user is not None and user.is_active else None


def unsubscribed(openid):
    """取消关注: the binding stays (the user may follow again) but messages cannot reach them meanwhile."""
    return WechatBinding.objects.filter(openid=openid, subscribed=True).update(subscribed=False)


def subscribed(openid):
    return WechatBinding.objects.filter(openid=openid, subscribed=False).update(subscribed=True)
