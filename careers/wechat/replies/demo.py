"""Demo 自定义回复: a 被关注自动回复 with links, a 默认回复, and keyword replies of every kind — exact and contains,
文本消息 and 图文消息 (several articles, with and without a cover), one disabled. Idempotent by keyword."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from careers.core.uploads import clean_image

from .forms import COVER
from .models import KeywordReply, ReplyArticle, ReplySettings
from .texts import clean_reply_text

SUBSCRIBE = ('欢迎关注本校就业指导中心服务号！\n'
             '<a href="/jobs/">查看最新职位</a>｜<a href="/talks/">近期宣讲会</a>｜<a href="/fairs/">招聘会</a>\n'
             '绑定账号后可以收到报名确认和活动提醒。回复“帮助”查看常见问题。')
DEFAULT = '没有找到相关内容。回复“帮助”查看常见问题，或<a href="/me/counseling/">预约就业咨询</a>。'

# keyword, match, type, text, enabled, [(title, description, url, cover colour or None)]
REPLIES = [
    ("帮助", "exact", "text", '常见问题：\n1. 回复“宣讲会”查看近期宣讲会\n2. 回复“招聘会”查看招聘会\n'
     '3. 就业协议书办理见<a href="/me/agreements/">就业协议书</a>\n4. 其他问题请<a href="/me/counseling/">预约咨询</a>',
     True, []),
    ("宣讲会", "contains", "news", "", True, [
        ("本周宣讲会安排", "名企宣讲会集中举行，欢迎同学们报名参加", "/talks/", (31, 97, 180)),
        ("宣讲会报名指南", "如何在线报名与签到", "/talks/", None),
        ("就业日历", "宣讲会、招聘会和就业活动一览", "/calendar/", (40, 140, 90)),
    ]),
    ("招聘会", "contains", "news", "", True, [
        ("校园招聘会", "查看近期招聘会与参会单位", "/fairs/", None),
    ]),
    ("就业协议", "contains", "text", '就业协议书的申请、签约与鉴证请见<a href="/me/agreements/">就业协议书</a>页面。',
     True, []),
    ("档案", "exact", "text", "毕业生档案查询请到学院就业办或拨打就业指导中心电话咨询。", True, []),
    ("旧版就业网", "exact", "text", '旧版就业网已停用，请访问<a href="https://www.ncss.cn/">国家大学生就业服务平台</a>。',
     False, []),
]


def _cover(colour):
    out = io.BytesIO()
    image = Image.new("RGB", (900, 500), colour)
    ImageDraw.Draw(image).rectangle((60, 60, 840, 440), outline=(255, 255, 255), width=8)
    image.save(out, "PNG")
    out.seek(0)
    clean = clean_image(out, COVER)
    return ContentFile(clean.data, name=f"demo-cover-{colour[0]}-{colour[1]}.{clean.extension}")


def seed(rng, years):
    ReplySettings.objects.get_or_create(pk=1, defaults={
        "subscribe_text": clean_reply_text(SUBSCRIBE), "default_text": clean_reply_text(DEFAULT)})
    for position, (keyword, match, kind, text, enabled, articles) in enumerate(REPLIES, start=1):
        reply, created = KeywordReply.objects.get_or_create(keyword=keyword, match=match, defaults={
            "reply_type": kind, "text": clean_reply_text(text), "enabled": enabled, "position": position * 10})
        if not created:
            continue
        for index, (title, description, url, colour) in enumerate(articles, start=1):
            ReplyArticle.objects.create(reply=reply, title=title, description=description, url=url,
                                        position=index * 10, image=_cover(colour) if colour else "")
