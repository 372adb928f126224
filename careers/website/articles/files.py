"""Public file URLs of the articles (namespace `website_site`), served by core.downloads.serve_file (Range,
Last-Modified). Other areas use the helpers, never the storage paths:

    editor_image_url(image) / EditorImage.url       images pasted into bodies (always public)
    cover_url(article)      / Article.cover_url     封面图, "" when none
    media_url(article)      / Article.media_url     视频文件 (Range requests for players), "" when none
    attachment_url(att)     / ArticleAttachment.url 附件 (download with its name; counts downloads)

A visitor reaches the files of PUBLIC articles only (Article.objects.public()); a back-office user holding the
kind's view permission (and the column in scope) may also fetch a draft's files, for 预览.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from careers.core.downloads import serve_file

from .models import Article, ArticleAttachment, EditorImage

EDITOR_PREFIX_NAME = "website_site:editor_image"


def editor_image_url(image):
    return reverse("website_site:editor_image", args=[image.pk])


def editor_image_prefix():
    """What every editor image URL starts with (the article body profile keeps only these images)."""
    return reverse("website_site:editor_image", args=[0]).rsplit("0/", 1)[0]


def cover_url(article):
    return cover_url_for(article.pk) if article.cover else ""


def cover_url_for(pk):
    """The cover URL of the article `pk` (for rows read with values(): check the cover is set first)."""
    return reverse("website_site:article_cover", args=[pk])


def media_url(article):
    return reverse("website_site:article_media", args=[article.pk]) if article.media else ""


def attachment_url(attachment):
    return reverse("website_site:article_attachment", args=[attachment.pk])


def _visible_article(request, pk):
    """(article, public?) — 404 unless public, or viewable by the back-office user."""
    article = Article.objects.public().filter(pk=pk).select_related("category").first()
    if article is not None:
        return article, True
    user = request.user
    if user.is_authenticated and getattr(user, "is_backoffice", False):
        article = Article.objects.restrict(user, "view").filter(pk=pk).first()
        if article is not None:
            return article, False
    raise Http404("资讯不存在或尚未发布。")


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def editor_image(request, pk):
    image = get_object_or_404(EditorImage, pk=pk)
    return serve_file(request, image.image, max_age=86400 * 30)


@require_safe
def article_cover(request, pk):
    article, public = _visible_article(request, pk)
    if not article.cover:
        raise Http404
    response = serve_file(request, article.cover, max_age=86400)
    return response if public else _private(response)


@require_safe
def article_media(request, pk):
    article, public = _visible_article(request, pk)
    if not article.media:
        raise Http404
    name = article.media.name.lower()
    kind = "video/webm" if name.endswith(".webm") else "video/mp4"
    response = serve_file(request, article.media, content_type=kind, max_age=86400)
    return response if public else _private(response)


@require_safe
def article_attachment(request, pk):
    attachment = get_object_or_404(ArticleAttachment.objects.only("article_id"), pk=pk)
    _article, public = _visible_article(request, attachment.article_id)
    attachment = ArticleAttachment.objects.get(pk=pk)
    if request.method == "GET" and "Range" not in request.headers:  # a resumed download counts once
        from .actions import count_download

        count_download(attachment)
    response = serve_file(request, attachment.file, content_type=attachment.content_type or None,
                          filename=attachment.name, inline=False, max_age=3600)
    return response if public else _private(response)
