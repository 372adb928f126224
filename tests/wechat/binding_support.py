"""Helpers of the binding tests: a stub official-account client (until/besides the fake server), WeChat event
XML parsed by wechatpy and dispatched like the callback endpoint does, and accounts of every kind."""

import time
from urllib.parse import urlencode

from wechatpy import parse_message

from careers.accounts.models import User
from careers.wechat.callback.dispatch import dispatch
from tests.factories import EmployerFactory, StudentFactory, UserFactory


class StubClient:
    """The part of careers.wechat.api.client's interface the binding area calls."""

    def __init__(self):
        self.qrcodes = []
        self.codes = {}  # OAuth code -> openid

    def create_temp_qrcode(self, scene, expire_seconds):
        self.qrcodes.append((scene, expire_seconds))
        return {"ticket": f"TICKET-{scene}", "url": f"http://weixin.qq.com/q/{scene}", "expire_seconds": expire_seconds}

    def qrcode_image_url(self, ticket):
        return f"https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket={ticket}"

    def oauth_authorize_url(self, redirect_uri, state, scope="snsapi_base"):
        return "https://open.weixin.qq.com/connect/oauth2/authorize?" + urlencode(
            {"appid": "wxstub", "redirect_uri": redirect_uri, "response_type": "code", "scope": scope,
             "state": state}) + "#wechat_redirect"

    def oauth_exchange(self, code):
        from careers.wechat.api.client import WechatError

        if code not in self.codes:
            raise WechatError("invalid code", code=40029, permanent=True)
        return {"openid": self.codes.pop(code), "scope": "snsapi_base"}

    def user_info(self, openid):
        return {"subscribe": 1, "openid": openid}


def event_xml(openid, event, key="", ticket=""):
    return (f"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName><CreateTime>{int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>"
            f"<EventKey><![CDATA[{key}]]></EventKey><Ticket><![CDATA[{ticket}]]></Ticket></xml>")


def push(openid, event, key=""):
    """What the callback endpoint does with a pushed event: parse (wechatpy) and dispatch; the reply text."""
    return dispatch(parse_message(event_xml(openid, event, key)))


def scan(openid, code, *, subscribe=False):
    if subscribe:
        return push(openid, "subscribe", "qrscene_" + code.scene)
    return push(openid, "SCAN", code.scene)


def student_user(**kwargs):
    student = StudentFactory(**kwargs)
    student.user = UserFactory(username=student.student_number, name=student.name, kind=User.Kind.STUDENT)
    student.save()
    return student.user


def employer_user():
    return EmployerFactory(admitted=True).user

