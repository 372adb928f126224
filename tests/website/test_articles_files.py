"""Public file URLs of the articles: public articles only for visitors, drafts for the back office, Range on
videos, attachments downloaded with their name and counted."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from careers.website.models import ArticleAttachment, EditorImage

from .articles_support import article, category, mp4_bytes, pdf_bytes, png_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def with_files(a):
    a.cover.save("c.png", ContentFile(png_bytes()), save=False)
    a.media.save("v.mp4", ContentFile(mp4_bytes()), save=False)
    a.save()
    att = ArticleAttachment(article=a, name="2025年度就业质量报告.pdf", content_type="application/pdf")
    att.file.save("r.pdf", ContentFile(pdf_bytes()), save=False)
    att.size = att.file.size
    att.save()
    return att


def test_public_article_files_served_with_range(client, db):
    a = article(category("视频", "videos", kind="video"))
    att = with_files(a)
    assert client.get(a.cover_url).status_code == 200
    response = client.get(a.media_url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206 and response["Content-Range"].startswith("bytes 0-99/")
    assert response["Content-Type"] == "video/mp4"
    response = client.get(att.url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''2025" in response["Content-Disposition"]
    att.refresh_from_db()
    assert att.download_count == 1


def test_draft_and_hidden_files_404_for_visitors_but_not_for_editors(client, school_admin):
    cat = category()
    draft = article(cat, "草稿", status="draft")
    hidden = article(cat, "隐藏", is_visible=False)
    for a in (draft, hidden):
        att = with_files(a)
        for url in (a.cover_url, a.media_url, att.url):
            assert client.get(url).status_code == 404
    client.force_login(school_admin)
    response = client.get(draft.cover_url)
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_editor_images_are_public(client, db):
    image = EditorImage()
    image.image.save("e.png", ContentFile(png_bytes()), save=False)
    image.save()
    assert client.get(image.url).status_code == 200
    assert client.get(reverse("website_site:editor_image", args=[image.pk + 1])).status_code == 404


def test_preview_shows_draft_to_back_office_only(client, school_admin):
    draft = article(category(), "关于西部计划报名的说明", status="draft", body="<div>西部计划</div>")
    url = reverse("website:article_preview", args=[draft.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(school_admin)
    body = client.get(url).content.decode()
    assert "关于西部计划报名的说明" in body and "暂时看不到" in body


def test_detail_shows_history(client, school_admin):
    a = article(category(), "考研经验分享")
    client.force_login(school_admin)
    client.post(reverse("website:article_toggle", args=[a.pk]))
    body = client.get(reverse("website:article_detail", args=[a.pk])).content.decode()
    assert "变更记录" in body and "附件" in body


def test_replaced_and_deleted_files_leave_storage(school_admin, django_capture_on_commit_callbacks):
    from careers.website.articles import actions
    from careers.website.models import Article

    a = article(category("视频", "videos", kind="video"))
    att = with_files(a)
    storage = a.cover.storage
    old_cover, video, report = a.cover.name, a.media.name, att.file.name
    a = Article.objects.get(pk=a.pk)  # as a view loads it: the stored file names are remembered
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_article(a, publish=True, acting_user=school_admin, previous_published_at=a.published_at,
                             cover_upload=ContentFile(png_bytes(color="blue"), name="new.png"))
    assert not storage.exists(old_cover) and storage.exists(a.cover.name) and storage.exists(video)
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_attachment(ArticleAttachment.objects.get(pk=att.pk), acting_user=school_admin)
    assert not storage.exists(report)
    cover = a.cover.name
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_articles([Article.objects.get(pk=a.pk)], acting_user=school_admin)
    assert not storage.exists(cover) and not storage.exists(video)
