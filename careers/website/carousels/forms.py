import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from careers.core.forms import BaseModelForm
from careers.core.uploads import BANNER, clean_image
from careers.events.models import Fair, FairStatus, Talk

from ..articles.models import ArticleStatus
from . import actions
from .models import Carousel, Slide

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CarouselForm(BaseModelForm):
    class Meta:
        model = Carousel
        fields = ["code", "name", "is_active"]
        error_messages = {"code": {"required": "请填写轮播图代码。",
                                   "invalid": "轮播图代码只能包含字母、数字、下划线和连字符，如 home。"},
                          "name": {"required": "请填写名称。"}}


class SlideForm(BaseModelForm):
    image = forms.FileField(label="图片", required=False,
                            help_text="JPG、PNG 或 WEBP，不超过 8 MB；建议 1920×600 像素。保存时重新编码为网页尺寸，"
                                      "并生成手机版小图。",
                            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    class Meta:
        model = Slide
        fields = ["title", "image", "link_kind", "article", "talk", "fair", "url", "ordering", "active_from",
                  "active_until", "is_visible"]
        widgets = {"active_from": DATETIME, "active_until": DATETIME}
        help_texts = {"title": "图片的文字说明（供读屏软件朗读），也显示在图片上",
                      "url": "站内地址如 /fairs/，或以 https:// 开头的外部地址",
                      "active_from": "留空为立即展示", "active_until": "留空为一直展示"}
        error_messages = {"title": {"required": "请填写图片标题。"},
                          "active_from": {"invalid": "开始展示时间格式不正确。"},
                          "active_until": {"invalid": "结束展示时间格式不正确。"},
                          "ordering": {"invalid": "排序请填写整数。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = self.fields["article"].queryset.filter(
            status=ArticleStatus.PUBLISHED).order_by("-published_at", "-pk")
        self.fields["talk"].queryset = Talk.objects.published().order_by("-starts_at", "-pk")
        self.fields["fair"].queryset = Fair.objects.filter(status=FairStatus.PUBLISHED).order_by("-starts_at", "-pk")

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            try:
                self.clean_upload = clean_image(upload, BANNER)  # stored by save(): large and phone sizes
            except ValidationError as exc:
                raise ValidationError("图片：" + "；".join(exc.messages))
        elif not self.instance.image:
            raise ValidationError("请上传图片。")
        return None  # the model field is set in save(), never from the raw upload

    def clean(self):
        data = super().clean()
        probe = Slide(link_kind=data.get("link_kind") or "none", url=data.get("url") or "",
                      active_from=data.get("active_from"), active_until=data.get("active_until"))
        for name in ("article", "talk", "fair"):
            setattr(probe, f"{name}_id", data[name].pk if data.get(name) else None)
        try:
            actions.check_slide(probe)
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                if field not in self.errors:
                    self.add_error(field, errors)
        else:
            data["url"] = probe.url
            for name in ("article", "talk", "fair"):
                if getattr(probe, f"{name}_id") is None:
                    data[name] = None
        return data

    def save(self, commit=True):
        image = getattr(self, "clean_upload", None)
        slide = super().save(commit=False)
        if image is not None:
            stem = uuid.uuid4().hex
            slide.image = ContentFile(image.data, name=f"{stem}.{image.extension}")
            slide.image_small = ContentFile(image.thumbnail, name=f"{stem}-s.{image.extension}")
        if commit:
            slide.save()
        return slide
