"""学生服务 → 预约咨询: 咨询设置, 咨询主题列表, 咨询师列表 (manual 3.4 (1)–(3)), reached from the 咨询台账's tabs."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from careers.core.views import generic

from ..bookings.models import BookingStatus
from .filtersets import AdviserFilterSet, TopicFilterSet
from .forms import AdviserForm, SettingsForm, TopicForm
from .models import Adviser, CounselingSettings, Topic
from .tables import AdviserTable, TopicTable

topics = Topic.objects.all()
advisers = Adviser.objects.select_related("user__wechat_binding").prefetch_related("topics")  # 微信: bound or not


class SettingsView(generic.ObjectEditView):
    """咨询设置: the one settings row (created on first use)."""

    queryset = CounselingSettings.objects.all()
    form = SettingsForm
    template_name = "counseling/setup/edit.html"

    def get_object(self):
        self.require("counseling.counselingsettings.change")
        return CounselingSettings.current()

    def base_context(self):
        return {**super().base_context(), "page_title": "咨询设置", "tab": "settings"}

    def success_url(self, obj):
        return reverse("counseling:settings")


class TopicListView(generic.ObjectListView):
    queryset = topics
    filterset = TopicFilterSet
    table = TopicTable
    template_name = "counseling/setup/list.html"
    actions = ("add", "bulk_delete")

    def base_context(self):
        return {**super().base_context(), "page_title": "咨询主题列表", "tab": "topics"}


class TopicEditView(generic.ObjectEditView):
    queryset = topics
    form = TopicForm
    template_name = "counseling/setup/edit.html"

    def base_context(self):
        return {**super().base_context(), "tab": "topics"}

    def success_url(self, obj):
        return reverse("counseling:topic_list")


class TopicDeleteView(generic.ObjectDeleteView):
    queryset = topics


class TopicBulkDeleteView(generic.BulkDeleteView):
    queryset = topics


class AdviserListView(generic.ObjectListView):
    queryset = advisers
    filterset = AdviserFilterSet
    table = AdviserTable
    template_name = "counseling/setup/list.html"
    actions = ("add",)

    def base_context(self):
        return {**super().base_context(), "page_title": "咨询师列表", "tab": "advisers"}


class AdviserEditView(generic.ObjectEditView):
    queryset = advisers
    form = AdviserForm
    template_name = "counseling/setup/edit.html"

    def base_context(self):
        return {**super().base_context(), "tab": "advisers"}

    def success_url(self, obj):
        return reverse("counseling:adviser_detail", args=[obj.pk])


class AdviserView(generic.ObjectView):
    """A 咨询师's page: the profile, the coming slots and the booking counts of this adviser (scoped)."""

    queryset = advisers
    template_name = "counseling/setup/adviser_detail.html"
    detail_fields = ["user", "title", "intro", "location", "is_active"]

    def base_context(self):
        return {**super().base_context(), "tab": "advisers"}

    def get_extra_context(self, obj):
        from ..bookings.models import Booking

        slots = (obj.slots.filter(ends_at__gte=timezone.now())
                 .annotate(held=Count("bookings", filter=Q(bookings__status__in=[
                     BookingStatus.PENDING, BookingStatus.CONFIRMED]))).order_by("starts_at")[:30])
        counts = dict(Booking.objects.restrict(self.request.user).filter(adviser=obj)
                      .values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        return {"slots": slots, "topics": list(obj.topics.all()),
                "counts": [(label, counts.get(value, 0)) for value, label in BookingStatus.choices]}


class AdviserDeleteView(generic.ObjectDeleteView):
    queryset = advisers
