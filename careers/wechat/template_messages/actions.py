"""Writes of 消息模板设置: saving a kind's template (school admins only, logged) and 测试发送 to one's own WeChat."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.scoping import account, require_school

from . import kinds, render
from .models import TemplateSetting

MODULE = "wechat"
CHANGE = "wechat.templatesetting.change"
VIEW = "wechat.templatesetting.view"


class NotBound(Exception):
    """The admin's account has no WeChat binding: 测试发送 has nowhere to go."""


def known_kind(kind):
    if kind not in kinds.KINDS:
        raise PermissionDenied("未知的通知类型。")
    return kinds.KINDS[kind]


def save_setting(kind, *, template_id, enabled, fields, acting_user):
    """Create or update the kind's row (one transaction, history + operation log)."""
    require_school(acting_user, CHANGE, "只有学校管理员可以修改消息模板设置。")
    spec = known_kind(kind)
    with transaction.atomic():
        setting = TemplateSetting.objects.select_for_update().filter(kind=kind).first() or TemplateSetting(kind=kind)
        before = {"template_id": setting.template_id, "enabled": setting.enabled, "fields": setting.fields}
        setting.template_id, setting.enabled, setting.fields = template_id, enabled, fields
        setting._history_user = account(acting_user)
        setting.save()
        after = {"template_id": template_id, "enabled": enabled, "fields": fields}
        changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        log_event("update", module=MODULE, obj=setting, user=acting_user, changes=changes,
                  message=f"修改消息模板设置“{spec.label}”")
    return setting


def sample_values(user):
    now = timezone.localtime()
    name = getattr(user, "name", "") or user.get_username()
    return {"subject": "测试消息：模板消息设置成功", "body": "这是一条测试消息，收到说明该模板已可用。",
            "recipient": name, "time": f"{now:%Y-%m-%d %H:%M}", "date": f"{now:%Y-%m-%d}", "link": "",
            "sender": name, "site": render.SITE_NAME}


def test_send(kind, *, acting_user):
    """Send the kind's template to the admin's own bound WeChat. Returns the msgid; raises NotBound, ValueError
    (no template id) or api.client.WechatError (WeChat's answer)."""
    from django.conf import settings
    from django.urls import reverse

    from careers.wechat.api import client
    from careers.wechat.binding.models import WechatBinding

    require_school(acting_user, CHANGE, "只有学校管理员可以测试发送模板消息。")
    spec = known_kind(kind)
    setting = TemplateSetting.objects.filter(kind=kind).first()
    if setting is None or not setting.template_id:
        raise ValueError(f"“{spec.label}”尚未填写模板ID，请先保存模板ID再测试发送。")
    binding = WechatBinding.objects.filter(user=acting_user).first()
    if binding is None:
        raise NotBound()
    values = sample_values(acting_user)
    url = f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{reverse('core:inbox')}"
    values["link"] = url
    data = render.build_data(setting.fields or spec.fields, values)
    try:
        msgid = client.api().send_template(binding.openid, setting.template_id, data, url=url)
    except client.WechatError as exc:
        log_event("other", module=MODULE, obj=setting, user=acting_user,
                  message=f"测试发送消息模板“{spec.label}”失败：{exc}"[:500])
        raise
    log_event("other", module=MODULE, obj=setting, user=acting_user,
              message=f"测试发送消息模板“{spec.label}”到本人微信（msgid {msgid}）")
    return msgid


ERROR_TEXT = {
    "not_configured": "微信服务号尚未配置或未启用，请先完成微信接入设置",
    40001: "access_token 无效，请检查 AppSecret",
    42001: "access_token 已过期，请稍后重试",
    40003: "OpenID 无效：绑定的微信不属于本服务号",
    40037: "模板ID无效：请核对微信公众平台“我的模板”中的模板ID",
    43004: "接收者未关注服务号",
    43101: "接收者已拒收本服务号的消息",
    45009: "接口调用次数已达今日上限",
    47003: "模板参数不正确：请检查模板字段与微信模板是否一致",
    -1: "微信服务器繁忙，请稍后重试",
}


def error_text(exc):
    """WeChat's error in Chinese (the code stays visible for support)."""
    code = getattr(exc, "code", None)
    try:
        key = int(code)
    except (TypeError, ValueError):
        key = code
    text = ERROR_TEXT.get(key) or str(exc) or "未知错误"
    return f"{text}（错误码 {code}）" if code not in (None, "") and key != "not_configured" else text
