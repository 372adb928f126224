"""The demo 微信接入设置: an enabled service account whose AppID, AppSecret, Token and EncodingAESKey are the ones
`manage.py wechat_fake` (and so `make run-wechat`) starts the fake WeChat with — the demo works out of the box.
Idempotent: created once; an admin's later edits are kept."""

from .models import MessageMode, WechatAccount

DEMO = {
    "name": "XX大学就业指导中心", "original_id": "gh_demo0000cc01",
    "app_id": "wxdemo00careers01", "app_secret": "demo0app0secret0careers000000001",
    "token": "DemoToken2026careersWechatTok001",  # 32 characters, like a generated one
    "encoding_aes_key": "DemoAesKey2026careersWechatAesKey0000000001",  # 43 characters
    "message_mode": MessageMode.SAFE, "enabled": True, "email_by_default": True,
    # the 业务域名 verification file, served at /MP_verify_DemoCareers2026.txt
    "verify_file_name": "MP_verify_DemoCareers2026.txt", "verify_file_content": "DemoCareers2026",
}


def seed(rng, years):
    if not WechatAccount.objects.filter(pk=1).exists():
        WechatAccount.objects.create(pk=1, **DEMO)
