"""轮播图管理 (manual 5.2.3): carousels (list, add, edit, delete) and, on a carousel's page, its slides (add, edit,
delete, 上移 / 下移). Slides need 轮播图管理：修改; writes go through actions.py."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careers.core.views import generic
from careers.core.views.ordering import move_from_post

from . import actions
from .filtersets import CarouselFilterSet
from .forms import CarouselForm, SlideForm
from .models import Carousel, Slide
from .public import image_url, target
from .tables import CarouselTable

carousels = Carousel.objects.all()
CHANGE = "website.carousel.change"


class CarouselListView(generic.ObjectListView):
    queryset = carousels.annotate(slide_count=Count("slides"))
    filterset = CarouselFilterSet
    table = CarouselTable
    actions = ("add",)


class CarouselView(generic.ObjectView):
    queryset = carousels
    template_name = "website/carousels/carousel_detail.html"
    detail_fields = ["name", "code", "is_active"]

    def get_extra_context(self, obj):
        now = timezone.now()
        slides = list(obj.slides.select_related("article__category", "talk", "fair").order_by("ordering", "pk"))
        rows = []
        for slide in slides:
            url, _ = target(slide, now)
            if not slide.is_visible:
                state = ("已隐藏", "secondary")
            elif slide.active_from and slide.active_from > now:
                state = ("未开始", "info")
            elif slide.active_until and slide.active_until <= now:
                state = ("已过期", "light")
            elif url is None:
                state = ("链接对象未公开", "warning")
            else:
                state = ("展示中", "success")
            rows.append({"slide": slide, "state": state, "url": url, "thumb": image_url(slide, "small"
                                                                                          if slide.image_small else "large")})
        return {"slides": rows, "can_change": self.request.user.has_permission(CHANGE),
                "add_slide_url": reverse("website:carousel_slide_add", args=[obj.pk])}


class CarouselEditView(generic.ObjectEditView):
    queryset = carousels
    form = CarouselForm

    def save(self, form):
        return actions.save_carousel(form.save(commit=False), acting_user=self.request.user)


class CarouselDeleteView(generic.ObjectDeleteView):
    queryset = carousels


class SlideMixin(generic.ModelViewMixin):
    """Slides are part of their carousel: every page needs 轮播图管理：修改."""

    queryset = Slide.objects.select_related("carousel")

    def restricted(self, action):
        self.require(CHANGE)
        return self.queryset.all()

    def base_context(self):
        return {"model": Slide, "verbose_name": "轮播图片", "page_title": "轮播图管理",
                "list_url": reverse("website:carousel_list")}

    def back(self, slide):
        return redirect("website:carousel_detail", pk=slide.carousel_id)


class SlideEditView(SlideMixin, generic.ObjectEditView):
    form = SlideForm
    template_name = "website/carousels/slide_edit.html"

    def get_object(self):
        return get_object_or_404(self.restricted("change"), pk=self.kwargs["pk"])

    def render_form(self, form, obj):
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "object": obj, "is_new": obj.pk is None,
            "list_url": reverse("website:carousel_detail", args=[obj.carousel_id]),
            "image_url": image_url(obj, "large") if obj.pk and obj.image else ""})

    def save(self, form):
        return actions.save_slide(form.save(commit=False), acting_user=self.request.user)

    def success_url(self, obj):
        return reverse("website:carousel_detail", args=[obj.carousel_id])


class SlideAddView(SlideEditView):
    """新增图片 of the carousel `pk`."""

    queryset = Carousel.objects.all()

    def get_object(self):
        self.require(CHANGE)
        return Slide(carousel=get_object_or_404(Carousel.objects.all(), pk=self.kwargs["pk"]))


class SlideDeleteView(SlideMixin, generic.ObjectDeleteView):
    def get_object(self):
        return get_object_or_404(self.restricted("delete"), pk=self.kwargs["pk"])

    def post(self, request, pk):
        slide = self.get_object()
        label = str(slide)
        actions.delete_slide(slide, acting_user=request.user)
        messages.success(request, f"已删除轮播图片“{label}”。")
        return self.back(slide)


class SlideMoveView(SlideMixin):
    bench_kind = "action"

    def get(self, request, pk):
        return self.back(get_object_or_404(self.restricted("change"), pk=pk))

    def post(self, request, pk):
        slide = get_object_or_404(self.restricted("change"), pk=pk)
        move_from_post(request, slide, lambda obj, direction: actions.move_slide(obj, direction, acting_user=request.user))
        return self.back(slide)
