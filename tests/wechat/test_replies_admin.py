"""自定义回复 pages: three tabs; 被关注自动回复 / 默认回复 saved sanitised (placeholder = the system default);
关键字自动回复 text and 图文 with covers validated by content and re-encoded; permissions; every write logged;
the demo has every variant."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from careers.core.models import OperationLog
from careers.wechat.replies import demo, matching
from careers.wechat.replies.models import KeywordReply, ReplyArticle, ReplySettings
from careers.wechat.replies.texts import DEFAULT_SUBSCRIBE
from tests.wechat.wechat_support import admin, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
ROOT = "/wechat/replies/"
KEYWORDS = ROOT + "keywords/"


def png(name="cover.png", size=(1200, 700)):
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def management(total=8, initial=0):
    return {"articles-TOTAL_FORMS": str(total), "articles-INITIAL_FORMS": str(initial),
            "articles-MIN_NUM_FORMS": "0", "articles-MAX_NUM_FORMS": "8"}


def test_three_tabs_and_subscribe_placeholder(client):
    client.force_login(admin("replies"))
    body = client.get(ROOT).content.decode()
    for label in ("被关注自动回复", "关键字自动回复", "默认回复"):
        assert label in body
    assert 'placeholder="欢迎关注学校就业指导中心！' in body and "（系统默认内容）" in body
    assert client.get(KEYWORDS).status_code == 200 and client.get(ROOT + "default/").status_code == 200


def test_subscribe_text_saved_sanitised_and_logged(client):
    client.force_login(admin("replies"))
    response = client.post(ROOT, {"subscribe_text": '欢迎！<a href="javascript:alert(1)">坏</a><a href="/jobs/">职位</a>'
                                                    '<img src=x onerror=alert(1)>'})
    assert response.status_code == 302
    row = ReplySettings.objects.get(pk=1)
    assert row.subscribe_text == '欢迎！<a>坏</a><a href="/jobs/">职位</a>'
    assert OperationLog.objects.filter(object_type="wechat.replysettings").exists()
    assert matching.subscribe_text() == '欢迎！<a>坏</a><a href="/jobs/">职位</a>'
    client.post(ROOT, {"subscribe_text": ""})
    assert matching.subscribe_text() == DEFAULT_SUBSCRIBE  # empty: the system default again
    client.post(ROOT + "default/", {"default_text": "没找到"})
    assert ReplySettings.objects.get(pk=1).default_text == "没找到"


def test_view_only_cannot_save_settings_or_keywords(client):
    client.force_login(admin("replies_view"))
    assert "您只能查看" in client.get(ROOT).content.decode()
    assert client.post(ROOT, {"subscribe_text": "x"}).status_code == 403
    assert client.get(KEYWORDS + "add/").status_code == 403
    client.force_login(admin("menus"))
    assert client.get(ROOT).status_code == 403 and client.get(KEYWORDS).status_code == 403
    assert not ReplySettings.objects.exists()


def test_keyword_text_reply_add_edit_delete(client):
    client.force_login(admin("replies"))
    data = {"keyword": "档案", "match": "exact", "reply_type": "text", "text": '见<a href="/me/">个人中心</a>',
            "enabled": "on", "position": "", **management()}
    response = client.post(KEYWORDS + "add/", data)
    assert response.status_code == 302
    reply = KeywordReply.objects.get()
    assert reply.position == 10 and matching.find("档案")["text"] == '见<a href="/me/">个人中心</a>'
    response = client.post(KEYWORDS + "add/", data)
    assert "关键字“档案”（完全匹配）已有一条回复" in response.content.decode()
    response = client.post(KEYWORDS + "add/", {**data, "keyword": "空", "text": "<script>x</script>"})
    assert "文本消息请填写回复内容" in response.content.decode()
    assert KeywordReply.objects.count() == 1
    response = client.post(f"{KEYWORDS}{reply.pk}/edit/", {**data, "text": "新的", "enabled": ""})
    assert response.status_code == 302 and matching.find("档案") is None  # disabled now
    assert "档案" in client.get(KEYWORDS).content.decode()
    assert client.post(f"{KEYWORDS}{reply.pk}/delete/").status_code == 302
    assert not KeywordReply.objects.exists()
    assert OperationLog.objects.filter(object_type="wechat.keywordreply", action="delete").exists()


def test_keyword_news_reply_with_covers(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin("replies"))
    data = {"keyword": "招聘会", "match": "contains", "reply_type": "news", "text": "", "enabled": "on",
            "position": "5", **management(),
            "articles-0-title": "秋季招聘会", "articles-0-description": "参会单位", "articles-0-url": "/fairs/",
            "articles-0-image": png(),
            "articles-1-title": "报名指南", "articles-1-url": "https://www.ncss.cn/"}
    response = client.post(KEYWORDS + "add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    reply = KeywordReply.objects.get()
    first, second = reply.articles.order_by("position")
    assert first.image.name.endswith(".jpg") and not second.image  # re-encoded as JPEG
    with Image.open(first.image.path) as stored:
        assert max(stored.size) <= 1080
    assert [a["title"] for a in matching.find("本周招聘会")["articles"]] == ["秋季招聘会", "报名指南"]
    assert OperationLog.objects.filter(object_type="wechat.keywordreply", message__contains="秋季招聘会").exists()

    # a file that is no image is refused by content; a bad link names the article
    bad = {**data, "keyword": "坏的", "articles-0-image": SimpleUploadedFile("x.jpg", b"<script>" * 40, "image/jpeg")}
    body = client.post(KEYWORDS + "add/", bad).content.decode()
    assert "封面图片：文件内容不是可识别的图片" in body
    bad = {**data, "keyword": "坏链接", "articles-0-image": "", "articles-1-url": "javascript:alert(1)"}
    body = client.post(KEYWORDS + "add/", bad).content.decode()
    assert "第 2 条图文的链接地址不允许使用 javascript: 地址" in body
    body = client.post(KEYWORDS + "add/", {**data, "keyword": "空图文", "articles-0-title": "", "articles-0-url": "",
                                           "articles-0-description": "", "articles-0-image": "",
                                           "articles-1-title": "", "articles-1-url": ""}).content.decode()
    assert "图文消息请至少填写一条图文" in body
    assert KeywordReply.objects.count() == 1

    # edit: delete the second article
    edit = {"keyword": "招聘会", "match": "contains", "reply_type": "news", "text": "", "enabled": "on",
            "position": "5", **management(total=8, initial=2),
            "articles-0-id": first.pk, "articles-0-reply": reply.pk, "articles-0-title": "秋季招聘会",
            "articles-0-url": "/fairs/", "articles-0-description": "参会单位",
            "articles-1-id": second.pk, "articles-1-reply": reply.pk, "articles-1-title": "报名指南",
            "articles-1-url": "https://www.ncss.cn/", "articles-1-DELETE": "on"}
    response = client.post(f"{KEYWORDS}{reply.pk}/edit/", edit)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(reply.articles.values_list("title", flat=True)) == ["秋季招聘会"]
    assert ReplyArticle.objects.get().image  # the cover stays when no new file is sent


def test_demo_has_every_variant(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.seed(random.Random(1), [2026])
    demo.seed(random.Random(1), [2026])  # idempotent
    replies = KeywordReply.objects.all()
    assert {(r.match, r.reply_type) for r in replies} >= {("exact", "text"), ("contains", "text"), ("contains", "news")}
    assert replies.filter(enabled=False).exists()
    assert ReplyArticle.objects.filter(image="").exists() and ReplyArticle.objects.exclude(image="").exists()
    assert replies.get(keyword="宣讲会").articles.count() == 3
    settings_row = ReplySettings.objects.get(pk=1)
    assert '<a href="/jobs/">' in settings_row.subscribe_text and settings_row.default_text
    assert matching.find("帮助")["type"] == "text" and matching.find("本周宣讲会")["type"] == "news"
