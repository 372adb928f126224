import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from careers.core.forms import BaseModelForm
from careers.core.uploads import ImagePolicy, clean_image

from .models import KeywordReply, ReplyArticle, ReplySettings
from .texts import DEFAULT_REPLY, DEFAULT_SUBSCRIBE

# 图文消息 covers: WeChat shows the first one about 900×500 and the others as 200×200 thumbnails.
COVER = ImagePolicy(max_bytes=5 * 1024 * 1024, max_side=1080, keep_alpha=False,
                    formats=frozenset({"JPEG", "PNG", "WEBP"}),
                    hint="请上传 JPG、PNG 或 WEBP 格式的图片，不超过 5 MB；建议大图 900×500、小图 200×200 像素。")
LINK_HELP = ('可以插入超链接，格式为 <code>&lt;a href="https://…"&gt;文字&lt;/a&gt;</code> 或站内地址 '
             '<code>&lt;a href="/jobs/"&gt;职位搜索&lt;/a&gt;</code>；其他 HTML 标签和 javascript: 等地址会被移除。')


class SubscribeTextForm(BaseModelForm):
    class Meta:
        model = ReplySettings
        fields = ["subscribe_text"]
        widgets = {"subscribe_text": forms.Textarea(attrs={"rows": 6, "placeholder": DEFAULT_SUBSCRIBE})}
        help_texts = {"subscribe_text": "用户关注公众号时自动回复。留空则回复系统默认内容（见输入框中的灰色文字）。"
                                        + LINK_HELP}
        error_messages = {"subscribe_text": {"max_length": "被关注自动回复最多 2000 个字。"}}


class DefaultTextForm(BaseModelForm):
    class Meta:
        model = ReplySettings
        fields = ["default_text"]
        widgets = {"default_text": forms.Textarea(attrs={"rows": 5, "placeholder": DEFAULT_REPLY})}
        help_texts = {"default_text": "用户发送的消息没有匹配到任何关键字时回复。留空则回复系统默认内容。" + LINK_HELP}
        error_messages = {"default_text": {"max_length": "默认回复最多 2000 个字。"}}


class KeywordReplyForm(BaseModelForm):
    class Meta:
        model = KeywordReply
        fields = ["keyword", "match", "reply_type", "text", "enabled", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "keyword": "完全匹配：用户发送的内容与关键字相同（不区分大小写）；包含关键字：用户发送的内容中含有关键字。"
                       "优先完全匹配，其次按排序取第一条包含的回复。",
            "text": "回复类型为“文本消息”时填写。" + LINK_HELP,
            "position": "数字小的优先匹配。留空或 0 则排在最后。",
        }
        error_messages = {"keyword": {"required": "请填写关键字。", "max_length": "关键字最多 30 个字。"},
                          "text": {"max_length": "回复内容最多 2000 个字。"},
                          "position": {"invalid": "排序请填写整数。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False


class ReplyArticleForm(BaseModelForm):
    image = forms.FileField(label="封面图片", required=False, help_text=COVER.hint,
                            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    remove_image = forms.BooleanField(label="删除封面图片", required=False)

    class Meta:
        model = ReplyArticle
        fields = ["title", "description", "image", "url"]
        help_texts = {"url": "站内地址（如 /talks/）或以 http:// 、https:// 开头的网址。"}
        error_messages = {"title": {"required": "请填写图文标题。", "max_length": "图文标题最多 64 个字。"},
                          "description": {"max_length": "摘要最多 120 个字。"},
                          "url": {"required": "请填写图文的链接地址。"}}

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            try:
                self.clean_upload = clean_image(upload, COVER)
            except ValidationError as exc:
                raise ValidationError("封面图片：" + "；".join(exc.messages))
        return None  # set in apply(), never from the raw upload

    def apply(self):
        """The article with the re-encoded cover (or none), unsaved."""
        article = self.save(commit=False)
        clean = getattr(self, "clean_upload", None)
        if clean is not None:
            article.image = ContentFile(clean.data, name=f"{uuid.uuid4().hex}.{clean.extension}")
        elif self.cleaned_data.get("remove_image"):
            article.image = ""
        return article


class BaseArticleFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, user=None, **kwargs):
        kwargs.setdefault("form_kwargs", {})["user"] = user
        super().__init__(*args, **kwargs)


def article_formset(reply, data=None, files=None, user=None):
    existing = reply.articles.count() if reply.pk else 0
    formset_class = forms.inlineformset_factory(
        KeywordReply, ReplyArticle, form=ReplyArticleForm, formset=BaseArticleFormSet, extra=max(0, 8 - existing),
        max_num=8, validate_max=True, can_delete=True)
    formset = formset_class(data, files, instance=reply, user=user, prefix="articles")
    for form in formset.forms:
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "删除这条图文"
    return formset
