"""微信接入设置 writes: school admins holding wechat.wechataccount.change. Every write is one transaction and one
operation-log entry (log_event) whose changes never contain the AppSecret, Token or EncodingAESKey themselves —
simple-history is skipped for these saves so no secret lands in the history tables or the log."""

import secrets
import string

from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.scoping import require_school

from .models import WechatAccount

CHANGE = "wechat.wechataccount.change"
DENIED = "只有学校管理员可以修改微信接入设置。"
SECRET_FIELDS = {"app_secret", "token", "encoding_aes_key"}
ALPHANUMERIC = string.ascii_letters + string.digits
LOGGED_FIELDS = ("name", "original_id", "app_id", "app_secret", "message_mode", "enabled", "email_by_default",
                 "token", "encoding_aes_key", "verify_file_name", "verify_file_content")


def load_account():
    return WechatAccount.objects.filter(pk=1).first() or WechatAccount(pk=1)


def random_text(length):
    return "".join(secrets.choice(ALPHANUMERIC) for _ in range(length))


def _save(account, *, acting_user, message, before):
    account.pk = 1
    account.skip_history_when_saving = True
    account.save()
    changes = {}
    for name in LOGGED_FIELDS:
        old, new = before.get(name), getattr(account, name)
        if old != new:
            changes[name] = ["已设置" if old else "", "已更换"] if name in SECRET_FIELDS else [str(old or ""), str(new)]
    log_event("update" if before else "create", module="wechat", obj=account, user=acting_user, message=message,
              changes=changes)
    return account


def _snapshot():
    stored = WechatAccount.objects.filter(pk=1).first()
    return {name: getattr(stored, name) for name in LOGGED_FIELDS} if stored else {}


@transaction.atomic
def save_account(account, *, new_app_secret="", acting_user):
    require_school(acting_user, CHANGE, DENIED)
    before = _snapshot()
    if new_app_secret:
        account.app_secret = new_app_secret
    return _save(account, acting_user=acting_user, message="保存微信接入设置", before=before)


@transaction.atomic
def generate_config(*, acting_user):
    """A new Token (32 characters) and EncodingAESKey (43): the platform's server configuration must be updated."""
    require_school(acting_user, CHANGE, DENIED)
    before = _snapshot()
    account = load_account()
    account.token = random_text(32)
    account.encoding_aes_key = random_text(43)
    return _save(account, acting_user=acting_user, message="生成微信服务器配置（Token、EncodingAESKey）", before=before)


@transaction.atomic
def save_verify_file(name, content, *, acting_user):
    require_school(acting_user, CHANGE, DENIED)
    before = _snapshot()
    account = load_account()
    account.verify_file_name, account.verify_file_content = name, content
    return _save(account, acting_user=acting_user, message=f"上传业务域名校验文件 {name}", before=before)


def log_menu_push(*, acting_user):
    """After 生成菜单 succeeded: the time shown on the page, and the operation log."""
    WechatAccount.objects.filter(pk=1).update(menu_pushed_at=timezone.now())
    log_event("other", module="wechat", obj=load_account(), user=acting_user, message="生成微信默认菜单并推送到公众号")
