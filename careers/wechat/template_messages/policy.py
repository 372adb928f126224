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
