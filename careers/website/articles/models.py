"""一般资讯 (manual 5.2.1): the articles of every column, with attachments and the images pasted into the editor.

    status     meaning
    draft      草稿: only the back office sees it (预览 shows it as the site would)
    published  已发布: public from `published_at` on (a time ahead schedules it), while `is_visible`

`sort_weight` is the manual's 排序 (a bigger number first; 清除排序 sets it back to 0). `body` is stored
sanitised (core.richtext); `search_text` is the bigram key of title + summary + body text (site search).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet, scope_filter


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class KindScopedQuerySet(ScopedQuerySet):
    """restrict() by the content kind's own permission (`website.<kind>.<action>`), then the college scope."""

    kind_lookup = "category__kind"

    def restrict(self, user, action="view"):
        from .kinds import kinds_allowed

        kinds = kinds_allowed(user, action)
        if not kinds:
            return self.none()
        return scope_filter(self.filter(**{f"{self.kind_lookup}__in": kinds}), user)


class ArticleQuerySet(KindScopedQuerySet):
    def public(self, now=None):
        """What a visitor sees: published, shown, due, in a shown column."""
        return self.filter(status=ArticleStatus.PUBLISHED, is_visible=True, category__is_visible=True,
                           published_at__lte=now or timezone.now())

    def in_site_order(self):
        return self.order_by("-sort_weight", "-published_at", "-pk")


class Article(BaseModel):
    category = models.ForeignKey("website.Category", verbose_name="所属栏目", on_delete=models.PROTECT,
                                 related_name="articles")
    title = models.CharField("标题", max_length=150)
    summary = models.CharField("摘要", max_length=300, blank=True, help_text="列表和分享时显示；留空则取正文开头")
    body = models.TextField("正文", blank=True)
    cover = models.ImageField("封面图", upload_to="website/covers/%Y/%m/", blank=True)
    external_url = models.URLField("链接地址", max_length=500, blank=True,
                                   help_text="友情链接栏目必填；其他栏目填写后标题直接跳转到该地址")
    media = models.FileField("视频文件", upload_to="website/media/%Y/%m/", blank=True,
                             help_text="视频管理栏目：MP4（H.264）或 WebM 文件")
    department = models.CharField("发布部门", max_length=50, blank=True)
    status = models.CharField("状态", max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT,
                              db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True,
                                        help_text="留空为立即发布；填写将来的时间则到时自动发布")
    is_visible = models.BooleanField("显示", default=True)
    sort_weight = models.IntegerField("排序", default=0, help_text="数字越大越靠前；0 为按发布时间")
    view_count = models.PositiveIntegerField("浏览次数", default=0)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["view_count", "search_text"])
    objects = ArticleQuerySet.as_manager()
    scope_major_lookup = "category__college__majors"
    scope_spans_many = True

    class Meta:
        verbose_name = verbose_name_plural = "资讯"
        ordering = ["-sort_weight", "-published_at", "-pk"]
        indexes = [models.Index(fields=["category", "status", "is_visible", "-sort_weight", "-published_at"],
                                name="website_article_site_order")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The site search's key follows every save (title, summary, the body's text): core.search.
        from careers.core.richtext import plain_text
        from careers.core.search import search_key

        self.search_text = search_key("\n".join((self.title, self.summary, plain_text(self.body))))
        if kwargs.get("update_fields") is not None and "search_text" not in kwargs["update_fields"]:
            kwargs["update_fields"] = [*kwargs["update_fields"], "search_text"]
        super().save(*args, **kwargs)

    @property
    def kind(self):
        return self.category.kind

    @property
    def state_label(self):
        """草稿 / 定时发布 (published with a time ahead) / 已发布."""
        if self.status != ArticleStatus.PUBLISHED:
            return "草稿"
        if self.published_at and self.published_at > timezone.now():
            return "定时发布"
        return "已发布"

    # Public file URLs (careers/website/articles/files.py), for the portal's templates.
    @property
    def cover_url(self):
        from .files import cover_url

        return cover_url(self)

    @property
    def media_url(self):
        from .files import media_url

        return media_url(self)


class AttachmentQuerySet(KindScopedQuerySet):
    kind_lookup = "article__category__kind"


class ArticleAttachment(BaseModel):
    article = models.ForeignKey(Article, verbose_name="资讯", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to="website/attachments/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveBigIntegerField("大小", default=0)
    content_type = models.CharField("类型", max_length=100, blank=True)
    ordering = models.IntegerField("排序", default=0)
    download_count = models.PositiveIntegerField("下载次数", default=0)

    history = HistoricalRecords(excluded_fields=["download_count"])
    objects = AttachmentQuerySet.as_manager()
    scope_major_lookup = "article__category__college__majors"
    scope_spans_many = True

    class Meta:
        verbose_name = verbose_name_plural = "资讯附件"
        ordering = ["ordering", "pk"]

    def __str__(self):
        return self.name

    @property
    def url(self):
        from .files import attachment_url

        return attachment_url(self)


class EditorImage(BaseModel):
    """An image pasted or dropped into the rich-text editor: re-encoded (core.uploads) and served publicly."""

    image = models.ImageField("图片", upload_to="website/editor/%Y/%m/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope_unscoped = "public site images, linked to no student"

    class Meta:
        verbose_name = verbose_name_plural = "正文图片"

    def __str__(self):
        return self.image.name

    @property
    def url(self):
        from .files import editor_image_url

        return editor_image_url(self)
