"""What this area answers in the callback (registered when registry.py imports this module).

    subscribe / subscribe_scan  the 被关注自动回复 (priority 80: the binding area's reply to a bind QR wins)
    text                        a keyword reply (priority 50), else the 默认回复 (priority 90, the last word)
    click                       a menu item's key answered like an exact keyword (menus: 点击推送消息)
    other message types         the 默认回复 (image, voice, video, location, link)
"""

from wechatpy.replies import TextReply

from careers.wechat.callback.dispatch import on_event, on_message

from . import matching


@on_event("subscribe", "subscribe_scan", priority=80)
def subscribe_reply(msg):
    return TextReply(message=msg, content=matching.subscribe_text())


@on_message("text", priority=50)
def keyword_reply(msg):
    entry = matching.find(getattr(msg, "content", ""))
    return matching.reply_for(msg, entry) if entry else None


@on_message("text", "image", "voice", "video", "shortvideo", "location", "link", priority=90)
def default_reply(msg):
    return TextReply(message=msg, content=matching.default_text())


@on_event("click", priority=50)
def click_reply(msg):
    entry = matching.find(getattr(msg, "key", ""), exact_only=True)
    return matching.reply_for(msg, entry) if entry else None
