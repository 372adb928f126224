"""The channel policy: a notification whose kind has an enabled template (with an id) also goes out on WeChat,
when the service account is configured and enabled. core.messaging drops "wechat" again while no WeChat channel
is registered (policy_channels keeps registered keys only)."""


def wechat_for_kind(kind):
    from careers.wechat.account.models import WechatAccount

    from .models import TemplateSetting

    if not kind or not TemplateSetting.objects.filter(kind=kind, enabled=True).exclude(template_id="").exists():
        return ()
    account = WechatAccount.objects.filter(pk=1).first()
    if account is None or not account.configured:
        return ()
    return ("wechat",)


EMAIL_MAX_RECIPIENTS = 4  # 发送对象小于5人时可发送邮件


def email_offer_rule(key, count):
    """manual 8.6: 因邮件发送限制…如学校已设置默认发送邮件，且发送对象小于5人时可发送邮件."""
    if key != "email":
        return ""
    from careers.wechat.account.models import WechatAccount

    if not WechatAccount.objects.filter(pk=1, email_by_default=True).exists():
        return "学校未设置“默认同时发送邮件”（微信接入设置），因邮件发送限制不能选择电子邮件。"
    if count > EMAIL_MAX_RECIPIENTS:
        return f"发送对象为 {count} 人，因邮件发送限制，只有少于 5 人时才能选择电子邮件。"
    return ""
