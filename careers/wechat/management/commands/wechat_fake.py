"""`manage.py wechat_fake --port 8765 --callback http://127.0.0.1:8000/wechat/callback/`: the fake WeChat for
`make run-wechat`, with the credentials of 微信接入设置 (the demo's, account/demo.py, when none is saved yet).
Point the site at it with WECHAT_FAKE_URL=http://127.0.0.1:8765."""

import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError


def fake_kwargs(account=None):
    """FakeWechat's credentials: the saved 微信接入设置, else the demo account's."""
    from careers.wechat.account.demo import DEMO

    values = DEMO if account is None or not account.app_id else {
        "app_id": account.app_id, "app_secret": account.app_secret, "token": account.token,
        "encoding_aes_key": account.encoding_aes_key, "original_id": account.original_id or DEMO["original_id"],
        "message_mode": account.message_mode}
    return {key: str(values[key]) for key in ("app_id", "app_secret", "token", "encoding_aes_key", "original_id",
                                               "message_mode")}


class Command(BaseCommand):
    help = "Run the fake WeChat server (official account, OAuth, QR codes, pushes, WeChat Pay) for the demo."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--callback", default="http://127.0.0.1:8000/wechat/callback/",
                            help="the site's callback URL the fake pushes events to")
        parser.add_argument("--users", type=int, default=3, help="simulated WeChat users to create")

    @staticmethod
    def keep_followers(fake):
        """The openids already bound on the site (the demo's, earlier scans) follow the account, as in WeChat,
        so a restarted fake still delivers their template messages."""
        from careers.wechat.binding.models import WechatBinding

        try:
            rows = list(WechatBinding.objects.values_list("openid", "nickname", "subscribed"))
        except DatabaseError:
            return
        known = fake.state["official"]["users"]
        for openid, nickname, subscribed in rows:
            known.setdefault(openid, {"openid": openid, "nickname": nickname or "已绑定用户", "subscribed": subscribed,
                                      "subscribe_time": int(time.time()), "blocked_templates": False})

    def handle(self, *args, port, host, callback, users, **options):
        from careers.wechat.account.models import WechatAccount
        from careers.wechat.fake.server import FakeWechat

        try:
            account = WechatAccount.objects.filter(pk=1).first()
        except DatabaseError:  # no database yet: the demo's credentials, which seed_demo will save
            account = None
        kwargs = fake_kwargs(account)
        fake = FakeWechat(port=port, host=host, **kwargs)
        fake.callback_url = callback
        for n, nickname in enumerate(("微信同学", "微信招聘专员", "微信老师", "微信用户")[:max(users, 0)]):
            fake.add_user(nickname if n < 3 else f"{nickname}{n}")
        self.keep_followers(fake)
        fake.start()
        self.stdout.write(f"模拟微信已启动: {fake.url} (AppID {kwargs['app_id']}, {kwargs['message_mode']} 模式), "
                          f"推送到 {callback}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            fake.stop()
