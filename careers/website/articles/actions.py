"""一般资讯: every write of an article, its attachments and editor images (one transaction each).

Saves are logged by the model history; bulk `update()`s (清除排序, 显示/隐藏) log one entry per article."""

import os
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from careers.core import cache_versions, ordering
from careers.core.history import event, log_events
from careers.core.scoping import account as actor_user

from ..public.cache import bump as bump_public_pages
from .models import Article, ArticleAttachment, ArticleStatus, EditorImage
from .validators import attachment_type, image_bytes

MODULE = "网站内容管理"
PAST_TIME = "发布时间已过，立即发布请留空。"


def save_article(article, *, publish, acting_user, previous_published_at=None, cover_upload=None):
    """保存草稿 (publish=False) or 发布 (publish=True). A 发布时间 set or changed to the past is refused
    (scheduling); publishing with it empty publishes now."""
    now = timezone.now()
    when = article.published_at
    changed = article.pk is None or when != previous_published_at
    if when is not None and changed and when < now - timezone.timedelta(minutes=1):
        raise ValidationError({"published_at": PAST_TIME})
    if publish:
        article.status = ArticleStatus.PUBLISHED
        if when is None:
            article.published_at = now
    else:
        article.status = ArticleStatus.DRAFT
    if article.pk is None and article.author_id is None:
        article.author = actor_user(acting_user)
    with transaction.atomic():
        if cover_upload is not None:
            image = image_bytes(cover_upload)
            article.cover.save(f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.data), save=False)
        article.save()
        delete_files_after_commit(_replaced_files(article, ("cover", "media")))
    return article


def _replaced_files(instance, fields):
    """(storage, name) of the files `instance` was loaded with that a save has replaced or cleared."""
    loaded = getattr(instance, "_loaded_values", None) or {}
    out = []
    for name in fields:
        before, field = loaded.get(name), getattr(instance, name)
        if before and before != field.name:
            out.append((field.storage, before))
    return out


def _files_of(article):
    files = [(f.storage, f.name) for f in (article.cover, article.media) if f]
    return files + [(a.file.storage, a.file.name) for a in article.attachments.all() if a.file]


def delete_files_after_commit(files):
    """Remove stored files once the transaction that dropped them commits (a rollback keeps them)."""
    def remove():
        for storage, name in files:
            try:
                storage.delete(name)
            except OSError:
                pass  # already gone: nothing to clean

    if files:
        transaction.on_commit(remove)


def toggle_visible(article, *, acting_user):
    """The list's 显示 icon: flips `is_visible` (a save: the history logs it)."""
    article.is_visible = not article.is_visible
    article.save(update_fields=["is_visible", "updated_at"])
    return article


def _bulk_update(articles, *, field, value, message, acting_user):
    """One UPDATE for the rows, one log entry each (only rows that change)."""
    changing = [a for a in articles if getattr(a, field) != value]
    with transaction.atomic():
        Article.objects.filter(pk__in=[a.pk for a in changing]).update(**{field: value, "updated_at": timezone.now()})
        log_events([event("update", module=MODULE, obj=a, user=actor_user(acting_user), message=message,
                          changes={field: [str(getattr(a, field)), str(value)]}) for a in changing])
        # An update() sends no save signal: the cached portal pages and navigation are told here.
        cache_versions.now_and_after_commit(bump_public_pages)
    return len(changing)


def clear_sort(articles, *, acting_user):
    """清除排序: 排序 back to 0 (the site order is then by 发布时间)."""
    return _bulk_update(articles, field="sort_weight", value=0, message="清除排序", acting_user=acting_user)


def set_visible(articles, visible, *, acting_user):
    return _bulk_update(articles, field="is_visible", value=visible, message="显示" if visible else "隐藏",
                        acting_user=acting_user)


def delete_articles(articles, *, acting_user):
    with transaction.atomic():
        for article in articles:
            files = _files_of(article)
            article.delete()  # history logs each; attachments go with it (CASCADE)
            delete_files_after_commit(files)
    return len(articles)


# -- 附件 ----------------------------------------------------------------------------------------------
def add_attachment(article, upload, *, acting_user, name=""):
    checked = attachment_type(upload)
    original = os.path.basename(getattr(upload, "name", "") or "附件")
    stem = original.rsplit(".", 1)[0] if "." in original else original
    display = (name or "").strip() or f"{stem}.{checked.extension}"
    with transaction.atomic():
        last = article.attachments.aggregate(m=Max("ordering"))["m"]
        attachment = ArticleAttachment(article=article, name=display[:200], content_type=checked.content_type,
                                       ordering=(last or 0) + 10)
        if checked.data is None:
            upload.seek(0)
        content = ContentFile(checked.data) if checked.data is not None else upload
        attachment.file.save(f"{uuid.uuid4().hex}.{checked.extension}", content, save=False)
        attachment.size = attachment.file.size
        attachment.save()
    return attachment


def move_attachment(attachment, direction, *, acting_user):
    """上移 / 下移 among the article's attachments."""
    return ordering.move(attachment.article.attachments.all(), attachment, direction, acting_user=acting_user)


def delete_attachment(attachment, *, acting_user):
    with transaction.atomic():
        attachment.delete()
        delete_files_after_commit([(attachment.file.storage, attachment.file.name)] if attachment.file else [])


def count_download(attachment):
    ArticleAttachment.objects.filter(pk=attachment.pk).update(download_count=F("download_count") + 1)


def count_view(article):
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)


# -- 正文图片 ------------------------------------------------------------------------------------------
def store_editor_image(upload, *, acting_user):
    image = image_bytes(upload)
    stored = EditorImage(width=image.width, height=image.height, uploaded_by=actor_user(acting_user))
    with transaction.atomic():
        stored.image.save(f"{uuid.uuid4().hex}.{image.extension}", ContentFile(image.data), save=False)
        stored.save()
    return stored
