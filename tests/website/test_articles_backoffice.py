"""一般资讯 in the back office: per-kind permissions, scope, the 显示 toggle, 操作 (清除排序 / 显示 / 隐藏 / 删除)
with their log entries, the schedule rule, sanitising, file checks, editor upload and the list's query count."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.website.models import Article, ArticleAttachment, EditorImage
from tests.factories import UserFactory

from .articles_support import article, category, mp4_bytes, pdf_bytes, png_upload

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def user_with(*codes, name="editor"):
    user = UserFactory(username=name, kind="school_admin")
    user.set_permissions(list(codes))
    user.save()
    return user


def form_data(cat, **extra):
    data = {"category": cat.pk, "title": "关于做好2026届毕业生三方协议签订工作的通知", "summary": "",
            "body": "<div>正文</div>", "department": "就业指导中心", "published_at": "", "sort_weight": 0,
            "is_visible": "on"}
    data.update(extra)
    return data


# -- permissions per kind ---------------------------------------------------------------------------
def test_kind_permission_is_required_for_each_view(client, db):
    news = category("中心新闻", "news")
    notice = category("通知公告", "notice", kind="notice")
    a_news, a_notice = article(news, "新闻一"), article(notice, "通知一")
    user = user_with("website.notice.view", "website.notice.change")
    client.force_login(user)
    assert client.get(reverse("website:article_news_list")).status_code == 403
    assert client.get(reverse("website:article_notice_list")).status_code == 200
    assert client.get(reverse("website:article_detail", args=[a_news.pk])).status_code == 404
    assert client.get(reverse("website:article_detail", args=[a_notice.pk])).status_code == 200
    assert client.post(reverse("website:article_toggle", args=[a_news.pk])).status_code == 404
    assert client.get(reverse("website:article_add", args=["notice"])).status_code == 403  # no add
    assert set(Article.objects.restrict(user)) == {a_notice}


def test_menus_one_per_kind_in_manual_order():
    from careers.core.permissions import registry

    module = registry.modules["website"]
    labels = [m.label for m in module.menus if m.code.endswith(".view") and m.code != "website.category.view"]
    kinds = [m.code.split(".")[1] for m in module.menus if m.url_name.startswith("website:article_")]
    assert kinds == ["news", "notice", "policy", "article", "help", "explain", "photo", "video", "download", "link",
                     "special", "other"]
    assert "图片资讯" in labels and "图片管理" not in labels
    assert "网站菜单设置" in [m.label for m in module.menus]


# -- scope -----------------------------------------------------------------------------------------
def test_college_admin_sees_only_their_college_column(client, college_admin, org):
    school = category("中心新闻", "news")
    mine = category("甲学院新闻", "a-news", college=org["college_a"])
    theirs = category("乙学院新闻", "b-news", college=org["college_b"])
    a_school, a_mine, a_theirs = article(school, "学校新闻"), article(mine, "甲院新闻"), article(theirs, "乙院新闻")
    client.force_login(college_admin)
    body = client.get(reverse("website:article_news_list")).content.decode()
    assert "甲院新闻" in body and "乙院新闻" not in body and "学校新闻" not in body
    for other in (a_school, a_theirs):
        assert client.get(reverse("website:article_detail", args=[other.pk])).status_code == 404
        assert client.post(reverse("website:article_toggle", args=[other.pk])).status_code == 404
    assert client.get(reverse("website:article_detail", args=[a_mine.pk])).status_code == 200
    # cannot post into a school column
    response = client.post(reverse("website:article_add", args=["news"]), {**form_data(school), "_publish": "1"})
    assert response.status_code == 200 and "无权" in response.content.decode()
    response = client.post(reverse("website:article_add", args=["news"]), {**form_data(mine), "_publish": "1"})
    assert response.status_code == 302


# -- toggle and 操作 --------------------------------------------------------------------------------
def test_toggle_flips_visibility_and_is_logged(client, school_admin):
    a = article(category())
    client.force_login(school_admin)
    response = client.post(reverse("website:article_toggle", args=[a.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "隐藏" in response.content.decode()
    a.refresh_from_db()
    assert a.is_visible is False
    assert OperationLog.objects.filter(object_type="website.article", object_id=str(a.pk), action="update").exists()


def test_clear_sort_on_checked_rows_and_on_the_whole_filter(client, school_admin):
    cat = category()
    rows = [article(cat, f"资讯{i}", sort_weight=i + 1, department="招生就业处" if i < 2 else "学工部")
            for i in range(4)]
    client.force_login(school_admin)
    url = reverse("website:article_bulk", args=["news"])
    back = reverse("website:article_news_list")
    client.post(url, {"operation": "clear_sort", "pk": [rows[3].pk], "return_url": back})
    assert Article.objects.get(pk=rows[3].pk).sort_weight == 0
    assert Article.objects.get(pk=rows[2].pk).sort_weight == 3
    client.post(url, {"operation": "clear_sort", "scope": "all", "return_url": back + "?department=招生就业处"})
    assert [Article.objects.get(pk=r.pk).sort_weight for r in rows] == [0, 0, 3, 0]
    logs = OperationLog.objects.filter(object_type="website.article", message="清除排序")
    assert logs.count() == 3


def test_bulk_hide_show_delete_logged(client, school_admin):
    cat = category()
    a, b = article(cat, "甲"), article(cat, "乙")
    client.force_login(school_admin)
    url = reverse("website:article_bulk", args=["news"])
    client.post(url, {"operation": "hide", "pk": [a.pk, b.pk]})
    assert not Article.objects.filter(is_visible=True).exists()
    assert OperationLog.objects.filter(message="隐藏").count() == 2
    client.post(url, {"operation": "show", "pk": [a.pk]})
    assert Article.objects.get(pk=a.pk).is_visible
    client.post(url, {"operation": "delete", "pk": [b.pk]})
    assert not Article.objects.filter(pk=b.pk).exists()
    assert OperationLog.objects.filter(object_type="website.article", object_id=str(b.pk), action="delete").exists()


def test_bulk_with_out_of_scope_row_changes_nothing(client, college_admin, org):
    mine = article(category("甲学院新闻", "a-news", college=org["college_a"]), sort_weight=5)
    theirs = article(category("乙学院新闻", "b-news", college=org["college_b"]), sort_weight=5)
    client.force_login(college_admin)
    client.post(reverse("website:article_bulk", args=["news"]), {"operation": "clear_sort", "pk": [mine.pk, theirs.pk]})
    assert Article.objects.get(pk=mine.pk).sort_weight == 5 and Article.objects.get(pk=theirs.pk).sort_weight == 5


# -- edit form rules --------------------------------------------------------------------------------
def test_schedule_in_the_past_refused_and_empty_publishes_now(client, school_admin):
    cat = category()
    client.force_login(school_admin)
    url = reverse("website:article_add", args=["news"])
    past = (timezone.localtime() - timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {**form_data(cat, published_at=past), "_publish": "1"})
    assert "发布时间已过，立即发布请留空" in response.content.decode()
    assert not Article.objects.exists()
    client.post(url, {**form_data(cat), "_publish": "1"})
    a = Article.objects.get()
    assert a.status == "published" and a.published_at is not None and a.state_label == "已发布"
    future = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(url, {**form_data(cat, title="定时", published_at=future), "_publish": "1"})
    scheduled = Article.objects.get(title="定时")
    assert scheduled.state_label == "定时发布" and not Article.objects.public().filter(pk=scheduled.pk).exists()
    # editing a published article without touching its (now past) time is fine
    response = client.post(reverse("website:article_edit", args=[a.pk]),
                           {**form_data(cat, title="改标题", published_at=timezone.localtime(a.published_at)
                                        .strftime("%Y-%m-%dT%H:%M")), "_publish": "1"})
    assert response.status_code == 302


def test_draft_and_search_text(client, school_admin):
    cat = category()
    client.force_login(school_admin)
    client.post(reverse("website:article_add", args=["news"]),
                {**form_data(cat, title="征兵工作", body="<div>大学生<strong>应征入伍</strong></div>"), "_draft": "1"})
    a = Article.objects.get()
    assert a.status == "draft" and a.published_at is None and a.state_label == "草稿"
    assert "征ǀ兵" in a.search_text and "入ǀ伍" in a.search_text


def test_body_sanitised_and_user_told(client, school_admin):
    cat = category()
    client.force_login(school_admin)
    image = EditorImage.objects.create(image="website/editor/x.jpg")
    body = (f'<h1>标题</h1><script>alert(1)</script><img src="/x.png" onerror="alert(2)">'
            f'<img src="https://evil.example/a.png"><img src="{image.url}">'
            '<a href="javascript:alert(3)">坏链接</a><a href="https://www.ncss.cn">好链接</a>')
    response = client.post(reverse("website:article_add", args=["news"]),
                           {**form_data(cat, body=body), "_publish": "1"}, follow=True)
    assert "不安全内容已被移除" in response.content.decode()
    stored = Article.objects.get().body
    assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
    assert "evil.example" not in stored and 'src="/x.png"' not in stored
    assert f'src="{image.url}"' in stored and "<h1>" in stored
    assert 'href="https://www.ncss.cn" rel="noopener noreferrer"' in stored


def test_link_kind_needs_http_url(client, school_admin):
    cat = category("友情链接", "links", kind="link")
    client.force_login(school_admin)
    url = reverse("website:article_add", args=["link"])
    response = client.post(url, {**form_data(cat), "_publish": "1"})
    assert "友情链接必须填写链接地址" in response.content.decode()
    response = client.post(url, {**form_data(cat, external_url="javascript:alert(1)"), "_publish": "1"})
    assert "链接地址" in response.content.decode() and not Article.objects.exists()
    response = client.post(url, {**form_data(cat, external_url="https://www.ncss.cn/"), "_publish": "1"})
    assert response.status_code == 302


def test_video_kind_needs_real_video(client, school_admin):
    cat = category("视频", "videos", kind="video")
    client.force_login(school_admin)
    url = reverse("website:article_add", args=["video"])
    response = client.post(url, {**form_data(cat), "_publish": "1"})
    assert "视频栏目必须上传视频文件" in response.content.decode()
    fake = SimpleUploadedFile("fake.mp4", b"<html>not a video</html>" * 10, content_type="video/mp4")
    response = client.post(url, {**form_data(cat), "media": fake, "_publish": "1"})
    assert "视频文件的内容不是 MP4 或 WebM" in response.content.decode() and not Article.objects.exists()
    real = SimpleUploadedFile("real.mp4", mp4_bytes(), content_type="video/mp4")
    assert client.post(url, {**form_data(cat), "media": real, "_publish": "1"}).status_code == 302
    assert Article.objects.get().media.name.endswith(".mp4")


def test_photo_kind_needs_cover_and_fake_image_refused(client, school_admin):
    cat = category("图片新闻", "photos", kind="photo")
    client.force_login(school_admin)
    url = reverse("website:article_add", args=["photo"])
    response = client.post(url, {**form_data(cat), "_publish": "1"})
    assert "图片资讯必须上传封面图" in response.content.decode()
    fake = SimpleUploadedFile("x.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = client.post(url, {**form_data(cat), "cover_upload": fake, "_publish": "1"})
    assert "封面图" in response.content.decode() and not Article.objects.exists()
    assert client.post(url, {**form_data(cat), "cover_upload": png_upload(), "_publish": "1"}).status_code == 302
    assert Article.objects.get().cover.name.endswith(".jpg")  # re-encoded


# -- attachments and editor images ------------------------------------------------------------------
def test_attachments_checked_by_content_and_reordered(client, school_admin):
    a = article(category("下载中心", "downloads", kind="download"))
    client.force_login(school_admin)
    url = reverse("website:article_attachment_add", args=[a.pk])
    client.post(url, {"file": SimpleUploadedFile("fake.pdf", b"%PDF-1.4 broken", content_type="application/pdf")})
    client.post(url, {"file": SimpleUploadedFile("evil.exe", b"MZ\x90\x00" * 100)})
    assert not ArticleAttachment.objects.exists()
    client.post(url, {"file": SimpleUploadedFile("报到证改革说明.pdf", pdf_bytes())})
    client.post(url, {"file": SimpleUploadedFile("名单.txt", "张三\n李四\n".encode())})
    first, second = ArticleAttachment.objects.order_by("ordering")
    assert first.name == "报到证改革说明.pdf" and first.content_type == "application/pdf" and first.size > 0
    client.post(reverse("website:articleattachment_change", args=[second.pk]), {"operation": "up"})
    assert list(ArticleAttachment.objects.order_by("ordering").values_list("pk", flat=True)) == [second.pk, first.pk]
    client.post(reverse("website:articleattachment_change", args=[first.pk]), {"operation": "delete"})
    assert list(ArticleAttachment.objects.values_list("pk", flat=True)) == [second.pk]


def test_editor_upload_needs_permission_and_reencodes(client, db):
    url = reverse("website:editor_image_upload")
    viewer = user_with("website.news.view", name="viewer")
    client.force_login(viewer)
    assert client.post(url, {"file": png_upload()}).status_code == 403
    writer = user_with("website.notice.add", name="writer")
    client.force_login(writer)
    response = client.post(url, {"file": SimpleUploadedFile("x.png", b"not an image")})
    assert response.status_code == 400 and "图片" in response.json()["error"]
    response = client.post(url, {"file": png_upload()})
    assert response.status_code == 200
    image = EditorImage.objects.get()
    assert response.json()["url"] == image.url and image.image.name.endswith(".jpg") and image.width == 40


# -- list -----------------------------------------------------------------------------------------
def test_list_filters_and_bounded_queries(client, school_admin, django_assert_max_num_queries):
    cat = category()
    for i in range(30):
        article(cat, f"双选会{i}", sort_weight=i % 3, department="就业指导中心")
    article(cat, "草稿中的公务员考试", status="draft")
    client.force_login(school_admin)
    url = reverse("website:article_news_list")
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    body = client.get(url, {"state": "draft"}).content.decode()
    assert "草稿中的公务员考试" in body and "双选会1<" not in body
    body = client.get(url, {"q": "公务员"}).content.decode()
    assert "草稿中的公务员考试" in body
