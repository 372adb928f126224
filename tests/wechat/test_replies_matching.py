"""Reply matching: exact before contains, first by 排序, disabled ignored, the default reply, the subscribe default,
nh3 sanitising of links, the 图文 XML (wechatpy), click keys, and the cache following every change."""

import pytest
import xmltodict
from django.core.files.base import ContentFile
from wechatpy import parse_message

from careers.core.scoping import SYSTEM
from careers.wechat.callback.dispatch import dispatch
from careers.wechat.replies import actions, matching
from careers.wechat.replies.models import KeywordReply, ReplyArticle, ReplySettings
from careers.wechat.replies.texts import DEFAULT_REPLY, DEFAULT_SUBSCRIBE, clean_reply_text, wechat_text
from tests.wechat.wechat_support import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
BASE = "https://careers.example.edu.cn"


def text_msg(content):
    return parse_message(f"""<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>
<FromUserName><![CDATA[oStudent001]]></FromUserName><CreateTime>1700000000</CreateTime>
<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>1234567890</MsgId></xml>""")


def event_msg(event, key=""):
    key_xml = f"<EventKey><![CDATA[{key}]]></EventKey>" if key else ""
    return parse_message(f"""<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>
<FromUserName><![CDATA[oStudent001]]></FromUserName><CreateTime>1700000000</CreateTime>
<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>{key_xml}</xml>""")


def reply(keyword, match="contains", text="回复", **kw):
    return KeywordReply.objects.create(keyword=keyword, match=match, text=text, **kw)


def answer(content):
    return xmltodict.parse(dispatch(text_msg(content)).render())["xml"]


def test_exact_before_contains_first_by_position():
    reply("宣讲", text="包含宣讲", position=10)
    reply("宣讲会", text="包含宣讲会", position=20)
    reply("宣讲会", match="exact", text="完全匹配宣讲会", position=30)
    assert answer("宣讲会")["Content"] == "完全匹配宣讲会"
    assert answer("明天的宣讲会在哪")["Content"] == "包含宣讲"  # the first by 排序
    assert answer(" 宣讲会 ")["Content"] == "完全匹配宣讲会"  # spaces trimmed
    reply("Help", match="exact", text="帮助")
    assert answer("HELP")["Content"] == "帮助"  # case-insensitive


def test_exact_does_not_match_a_longer_message_and_disabled_is_ignored():
    reply("档案", match="exact", text="档案说明")
    reply("协议", text="停用的", enabled=False)
    assert answer("档案在哪里")["Content"] == DEFAULT_REPLY.replace("\n", "\n")
    assert answer("就业协议书")["Content"] == DEFAULT_REPLY


def test_default_reply_set_and_for_other_message_types():
    ReplySettings.objects.create(pk=1, default_text="请回复“帮助”")
    assert answer("随便说点什么")["Content"] == "请回复“帮助”"
    image = parse_message("""<xml><ToUserName>gh_x</ToUserName><FromUserName>oStudent001</FromUserName>
<CreateTime>1700000000</CreateTime><MsgType>image</MsgType><PicUrl>http://x/1.jpg</PicUrl><MediaId>m</MediaId>
<MsgId>99</MsgId></xml>""")
    assert dispatch(image).content == "请回复“帮助”"


def test_subscribe_reply_default_when_empty_and_links_made_absolute(settings):
    settings.SITE_URL = BASE
    subscribe = dispatch(event_msg("subscribe"))
    assert subscribe.content == DEFAULT_SUBSCRIBE
    actions.save_settings(ReplySettings(pk=1, subscribe_text='欢迎！<a href="/jobs/">职位</a>'), acting_user=SYSTEM)
    assert dispatch(event_msg("subscribe")).content == f'欢迎！<a href="{BASE}/jobs/">职位</a>'
    # a subscribe through a (non-bind) QR code gets the greeting too
    assert dispatch(event_msg("subscribe", "qrscene_123")).content.startswith("欢迎！")


@pytest.mark.parametrize("raw, stored", [
    ('看<a href="javascript:alert(1)">这里</a>', "看<a>这里</a>"),
    ('<a href="//evil.example/">x</a>', "<a>x</a>"),
    ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
    ('<a href="https://www.ncss.cn/" onclick="x()" style="c">国家平台</a>', '<a href="https://www.ncss.cn/">国家平台</a>'),
    ('<a href="/talks/">宣讲会</a><script>alert(1)</script><b>粗</b>', '<a href="/talks/">宣讲会</a>粗'),
    ("第一行\n第二行 & 更多", "第一行\n第二行 &amp; 更多"),
])
def test_links_sanitised_with_nh3(raw, stored):
    assert clean_reply_text(raw) == stored


def test_wechat_text_unescapes_and_absolutises():
    stored = clean_reply_text('A & B <a href="/jobs/?a=1&b=2">职位</a>')
    assert wechat_text(stored, BASE) == f'A & B <a href="{BASE}/jobs/?a=1&amp;b=2">职位</a>'


def test_articles_reply_xml_shape(settings):
    settings.SITE_URL = BASE
    news = KeywordReply.objects.create(keyword="招聘会", match="contains", reply_type="news")
    ReplyArticle.objects.create(reply=news, title="秋季招聘会", description="参会单位一览", url="/fairs/", position=10,
                                image=ContentFile(b"x", name="cover.jpg"))
    ReplyArticle.objects.create(reply=news, title="外部链接", url="https://www.ncss.cn/", position=20)
    xml = answer("下周的招聘会")
    assert xml["MsgType"] == "news" and xml["ArticleCount"] == "2"
    assert xml["ToUserName"] == "oStudent001" and xml["FromUserName"] == "gh_0123456789ab"
    first, second = xml["Articles"]["item"]
    assert first["Title"] == "秋季招聘会" and first["Description"] == "参会单位一览"
    assert first["Url"] == f"{BASE}/fairs/"
    assert first["PicUrl"].startswith(BASE + "/") and first["PicUrl"].endswith(".jpg")
    assert second["PicUrl"] is None and second["Url"] == "https://www.ncss.cn/"


def test_menu_click_key_answers_like_an_exact_keyword():
    reply("帮助", match="exact", text="常见问题")
    assert dispatch(event_msg("CLICK", "帮助")).content == "常见问题"
    assert dispatch(event_msg("CLICK", "没有这个")) is None


def test_cache_invalidated_on_every_change(django_assert_num_queries):
    hello = reply("你好", match="exact", text="第一版")
    assert matching.find("你好")["text"] == "第一版"
    with django_assert_num_queries(0):
        assert matching.find("你好")["text"] == "第一版"  # warm: no query
    hello.text = "第二版"
    hello.save()
    assert matching.find("你好")["text"] == "第二版"
    hello.enabled = False
    hello.save()
    assert matching.find("你好") is None
    news = KeywordReply.objects.create(keyword="图文", match="exact", reply_type="news")
    assert matching.find("图文") is None  # no article yet: no reply
    article = ReplyArticle.objects.create(reply=news, title="一条", url="/jobs/")
    assert matching.find("图文")["articles"][0]["title"] == "一条"
    article.delete()
    assert matching.find("图文") is None
    ReplySettings.objects.create(pk=1, default_text="新的默认回复")
    assert matching.default_text() == "新的默认回复"
    news.delete()
    assert matching.find("图文") is None
