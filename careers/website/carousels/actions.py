"""轮播图 writes: carousels (code unique) and their slides (the link rule, active dates, 上移 / 下移). Slides are
part of their carousel: adding, changing, ordering or deleting one needs 轮播图管理：修改. Saves are logged by
the models' history; the public cache is dropped by public.py's signals."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careers.core import ordering
from careers.core.scoping import account, may

from ..links import clean_link
from .models import Carousel, Slide, SlideLink

TARGETS = {SlideLink.ARTICLE: "article", SlideLink.TALK: "talk", SlideLink.FAIR: "fair", SlideLink.URL: "url"}
TARGET_LABELS = {"article": "资讯", "talk": "宣讲会", "fair": "招聘会", "url": "网址"}


def require_change(user):
    if not may(user, Carousel, "change"):
        raise PermissionDenied("您没有修改轮播图的权限。")


def check_slide(slide):
    """The chosen link target is required and the others are cleared; the url rule; 结束展示 after 开始展示."""
    errors = {}
    chosen = TARGETS.get(slide.link_kind)
    for kind, name in TARGETS.items():
        if name != chosen:
            setattr(slide, name if name == "url" else f"{name}_id", "" if name == "url" else None)
    if chosen == "url":
        try:
            slide.url = clean_link(slide.url, "网址", required=True)
        except ValidationError as exc:
            errors["url"] = exc.messages
    elif chosen and getattr(slide, f"{chosen}_id") is None:
        errors[chosen] = f"链接到{TARGET_LABELS[chosen]}时，请选择要链接的{TARGET_LABELS[chosen]}。"
    if slide.active_from and slide.active_until and slide.active_until <= slide.active_from:
        errors["active_until"] = "结束展示时间须晚于开始展示时间。"
    if errors:
        raise ValidationError(errors)


def save_carousel(carousel, *, acting_user):
    if not may(acting_user, Carousel, "change" if carousel.pk else "add"):
        raise PermissionDenied("您没有修改轮播图的权限。")
    with transaction.atomic():
        carousel._history_user = account(acting_user)
        carousel.save()
    return carousel


def save_slide(slide, *, acting_user):
    require_change(acting_user)
    check_slide(slide)
    with transaction.atomic():
        slide._history_user = account(acting_user)
        slide.save()
    return slide


def delete_slide(slide, *, acting_user):
    require_change(acting_user)
    with transaction.atomic():
        slide._history_user = account(acting_user)
        slide.delete()


def move_slide(slide, direction, *, acting_user):
    """Swap `slide` with its neighbour within its carousel (排序, then id); False at either end."""
    require_change(acting_user)
    return ordering.move(Slide.objects.filter(carousel_id=slide.carousel_id), slide, direction,
                         acting_user=acting_user)
