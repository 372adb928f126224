"""一般资讯 新增/修改: the fields of the manual, with each content kind's own rule (link → 链接地址, video → 视频文件,
photo → 封面图). Files are checked by content (validators.py); the body is sanitised with the article profile."""

import uuid
from urllib.parse import urlsplit

from django import forms

from careers.core.forms import BaseForm, BaseModelForm
from careers.core.richtext import sanitize_article_html

from ..categories.models import CategoryKind
from .files import editor_image_prefix
from .models import Article
from .validators import image_bytes, video_type

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class ArticleForm(BaseModelForm):
    cover_upload = forms.FileField(label="封面图", required=False,
                                   help_text="JPG、PNG 或 WEBP，不超过 10 MB；图片会被压缩到最长边 1920 像素")
    external_url = forms.URLField(label="链接地址", max_length=500, required=False, assume_scheme="https",
                                  help_text="友情链接栏目必填；其他栏目填写后标题直接跳转到该地址",
                                  error_messages={"invalid": "链接地址格式不正确，请填写以 http:// 或 https:// 开头的网址。"})

    class Meta:
        model = Article
        fields = ["category", "title", "summary", "body", "external_url", "media", "department",
                  "published_at", "sort_weight", "is_visible"]
        widgets = {"published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
                   "body": forms.HiddenInput(attrs={"data-trix-input": "1"}),
                   "media": forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"})}
        error_messages = {"category": {"required": "请选择栏目。", "invalid_choice": "所选栏目不存在或您无权在其中发布。"},
                          "title": {"required": "请填写标题。"},
                          "published_at": {"invalid": "发布时间格式不正确。"}}

    def __init__(self, *args, kind, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.kind = kind
        self.dropped_unsafe = False
        category = self.fields["category"]
        category.queryset = category.queryset.filter(kind=kind).order_by("ordering", "pk")
        category.label = "栏目"
        self.fields["cover_upload"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
        self.order_fields(["category", "title", "summary", "body", "cover_upload"])
        if kind == CategoryKind.LINK:
            self.fields["external_url"].required = True
            self.fields["external_url"].error_messages["required"] = "友情链接必须填写链接地址。"

    def clean_external_url(self):
        url = (self.cleaned_data.get("external_url") or "").strip()
        if url and urlsplit(url).scheme.lower() not in ("http", "https"):
            raise forms.ValidationError("链接地址只能是 http:// 或 https:// 开头的网址。")
        return url

    def clean_body(self):
        body, dropped = sanitize_article_html(self.cleaned_data.get("body"), [editor_image_prefix()])
        self.dropped_unsafe = dropped
        return body

    def clean_cover_upload(self):
        upload = self.cleaned_data.get("cover_upload")
        if upload:
            try:
                image_bytes(upload)
            except forms.ValidationError as exc:
                raise forms.ValidationError(f"封面图：{' '.join(exc.messages)}")
        return upload

    def clean_media(self):
        media = self.cleaned_data.get("media")
        if media and hasattr(media, "content_type"):  # a new upload (not the stored file)
            try:
                kind = video_type(media)
            except forms.ValidationError as exc:
                raise forms.ValidationError(exc.messages)
            media.name = f"{uuid.uuid4().hex}.{'webm' if kind == 'video/webm' else 'mp4'}"
        return media

    def clean(self):
        data = super().clean()
        if self.kind == CategoryKind.VIDEO and not data.get("media") and "media" not in self.errors:
            self.add_error("media", "视频栏目必须上传视频文件（MP4 或 WebM）。")
        if (self.kind == CategoryKind.PHOTO and not data.get("cover_upload") and not self.instance.cover
                and "cover_upload" not in self.errors):
            self.add_error("cover_upload", "图片资讯必须上传封面图。")
        return data


class AttachmentForm(BaseForm):
    file = forms.FileField(label="附件", error_messages={"required": "请选择要上传的文件。"},
                           help_text="PDF、Word、Excel、PowerPoint、图片、ZIP 或 TXT，不超过 50 MB")
    name = forms.CharField(label="显示名称", max_length=200, required=False, help_text="留空则使用文件名")


