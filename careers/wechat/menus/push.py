"""Publishing the menu to WeChat (manual 8.1 "生成菜单" and 8.3 保存).

    push_default_menu(user, base_url=None)   replace the stored menu with defaults.py's, check, push (all or nothing)
    push_menu(user, base_url=None)           check the stored menu, build {"button": [...]}, api().create_menu

Both return the payload pushed and raise ValidationError with Chinese messages: the menu's problems (rules.py,
each naming the item) or WeChat's refusal. `base_url` makes site paths absolute: SITE_URL, else the caller's
host (rules.site_base(request)). Success stamps WechatAccount.menu_pushed_at; every push (and every refusal by
WeChat) is in the operation log. The caller checks the permission (the editor: 自定义菜单 修改; 微信接入设置's
生成菜单 button: its own).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.scoping import account

from . import actions, rules
from .defaults import default_tree

# WeChat's menu errcodes in words (the rest: WeChat's own errmsg)
ERRORS = {
    40016: "菜单按钮个数不符合要求", 40017: "菜单按钮类型不正确", 40018: "菜单名称过长", 40019: "点击事件KEY过长",
    40023: "二级菜单个数不符合要求", 40024: "二级菜单类型不正确", 40025: "二级菜单名称过长", 40026: "二级菜单KEY过长",
    40027: "二级菜单链接过长", 40054: "二级菜单链接不合法", 40055: "菜单链接不合法",
    48001: "公众号没有自定义菜单接口权限（需认证的服务号）", 65301: "不存在此菜单",
}


def _api():
    from careers.wechat.api.client import api

    return api()


def _refusal(exc):
    code = getattr(exc, "code", None)
    if code == "not_configured":
        return f"菜单未发布：{exc}。请先在“微信接入设置”中填写并启用公众号的 AppID 和 AppSecret。"
    words = ERRORS.get(code) if isinstance(code, int) else None
    detail = f"{words}（{exc}）" if words else str(exc)
    suffix = f"，错误码 {code}" if code not in (None, "") else ""
    return f"微信服务器未接受菜单：{detail}{suffix}。"


def push_menu(user, base_url=None):
    from careers.wechat.account.models import WechatAccount
    from careers.wechat.api.client import WechatError

    base = (base_url or rules.site_base()).rstrip("/")
    tree = rules.load_tree()
    rules.check(tree, base, complete=True)
    relative = [node.name for top in tree for node in (top.children or [top])
                if node.kind == "view" and node.url.startswith("/")]
    if relative and not base:
        raise ValidationError(f"无法生成菜单“{relative[0]}”的完整网址：请在服务器设置中配置 SITE_URL（本校就业网的网址）。")
    payload = {"button": rules.buttons(tree, base)}
    wechat_account = WechatAccount.objects.filter(pk=1).first()
    try:
        _api().create_menu(payload["button"])
    except WechatError as exc:
        message = _refusal(exc)
        log_event("other", module="wechat", message=f"发布微信自定义菜单失败：{message}"[:500], obj=wechat_account,
                  user=account(user))
        raise ValidationError(message, code="wechat")
    if wechat_account is not None:
        wechat_account.menu_pushed_at = timezone.now()
        wechat_account._history_user = account(user)
        wechat_account.save(update_fields=["menu_pushed_at", "updated_at"])
    names = "、".join(top.name for top in tree)
    log_event("other", module="wechat", message=f"发布微信自定义菜单：{names}", obj=wechat_account,
              changes={"menu": payload}, user=account(user))
    return payload


def push_default_menu(user, base_url=None):
    """Replace the stored menu with the default one and push it; if WeChat refuses, the stored menu stays as it was."""
    with transaction.atomic():
        actions.replace_with(default_tree(), acting_user=user)
        return push_menu(user, base_url)
