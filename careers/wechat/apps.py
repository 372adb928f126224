from django.apps import AppConfig


class WechatConfig(AppConfig):
    name = "careers.wechat"
    label = "wechat"
    verbose_name = "微信管理"
