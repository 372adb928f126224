"""The one client for the official-account API (wechatpy underneath). TO BE IMPLEMENTED by the account/api helper.

Interface every area codes against:

    from careers.wechat.api.client import api, WechatError
    client = api()                      # WechatError(code="not_configured") when 微信接入设置 is incomplete
    client.send_template(openid, template_id, data, url="")  -> msgid (int)
    client.create_temp_qrcode(scene, expire_seconds)           -> {"ticket", "url", "expire_seconds"}
    client.qrcode_image_url(ticket)                            -> str (the image WeChat serves for the ticket)
    client.user_info(openid)                                   -> dict (subscribe, nickname, unionid…)
    client.create_menu(buttons) / client.get_menu()
    client.oauth_authorize_url(redirect_uri, state, scope="snsapi_base") -> str
    client.oauth_exchange(code)                                -> dict with "openid"
    client.jsapi_config(url)                                   -> dict for wx.config (appId, timestamp, nonceStr, signature)

WechatError has .code (WeChat errcode or a word) and .permanent (retrying cannot help: invalid openid, user refused).
"""


class WechatError(Exception):
    def __init__(self, message, *, code=None, permanent=False):
        super().__init__(message)
        self.code = code
        self.permanent = permanent


def api():
    raise WechatError("微信服务号尚未配置", code="not_configured", permanent=True)
