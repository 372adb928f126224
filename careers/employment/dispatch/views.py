"""派遣信息 in the back office: list, edit & review, 批量审核, 初始化派遣信息, 批量查询;
the 主管单位库 with its type-ahead lookup (功能时间设置 is in ../windows/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.redirects import return_url
from careers.core.scoping import sees_all_majors
from careers.core.views import generic
from careers.core.views.batch import BatchQueryView
from careers.core.views.review import (
    REVIEW_ACTIONS,
    BulkReviewView,
    PendingForm,
    ReviewEditMixin,
    ReviewPanelMixin,
)

from . import actions
from .authorities import LOOKUP_MIN_CHARS, lookup
from .filtersets import DispatchFilterSet, SupervisingAuthorityFilterSet
from .forms import DispatchForm, SupervisingAuthorityForm
from ..windows.models import ReportingWindow
from .models import DispatchRecord, SupervisingAuthority
from .tables import (
    DispatchTable,
    SupervisingAuthorityTable,
)
from ..windows.state import window_state

records = DispatchRecord.objects.select_related(
    "student__major__college", "student__major__education_level", "student__origin_region",
    "receiving_region", "supervising_authority")


def back_to(request, fallback):
    return return_url(request, fallback, names=("next", "return_url"))


# The list joins only what every page shows (student, major, college, 学历) and loads only the columns a
# column can show: eight joined tables cost more to plan (~30 ms) than to run. Regions and 主管单位 are
# named with one query each, when their column is shown (DispatchTable.names).
list_records = DispatchRecord.objects.select_related(
    "student__major__college", "student__major__education_level").only(
    "kind", "receiving_unit", "receiving_region", "supervising_authority", "report_address", "report_postal_code",
    "archive_unit", "certificate_number", "review_status", "pending_changes", "reviewed_at",
    "student__student_number", "student__name", "student__graduation_year", "student__origin_region",
    "student__major__name", "student__major__college__name", "student__major__education_level__name")


# -- 派遣信息 -----------------------------------------------------------------------------------------
class DispatchListView(generic.ObjectListView):
    queryset = list_records
    filterset = DispatchFilterSet
    table = DispatchTable
    template_name = "employment/dispatch/list.html"
    actions = ("export",)


class DispatchReviewing(PendingForm):
    """What the 修改 page and the detail page share to review a 派遣信息 change (mixed in before the review mixin)."""

    form = DispatchForm
    reviews = actions.reviews
    review_permission = "employment.dispatchrecord.review"
    noun = "派遣信息"



class DispatchRecordView(DispatchReviewing, ReviewPanelMixin, generic.ObjectView):
    """派遣信息 (read-only for accounts that may view but not change, e.g. counselors), with the pending changes
    to review in place for admins who may review it."""

    queryset = records.select_related("reviewed_by")
    template_name = "employment/dispatch/detail.html"
    detail_fields = ["student", "kind", "receiving_unit", "receiving_region", "supervising_authority",
                     "report_address", "report_postal_code", "archive_unit", "archive_address", "archive_postal_code",
                     "hukou_address", "certificate_number", "note", "review_status", "review_note", "submitted_at",
                     "reviewed_at", "reviewed_by"]


class DispatchEditView(DispatchReviewing, ReviewEditMixin, generic.ObjectEditView):
    """修改 + 审核: pending changes highlighted old → new; 同意 / 不同意 / 调整后同意 (like 生源信息)."""

    queryset = records.select_related("student__user", "reviewed_by")
    template_name = "employment/dispatch/edit.html"

    def get_object(self):
        return get_object_or_404(self.restricted("change"), pk=self.kwargs["pk"])

    def render_form(self, form, obj, reject_form=None):
        state = window_state(ReportingWindow.Function.DISPATCH, obj.student.graduation_year)
        return render(self.request, self.template_name, {
            **self.base_context(), **self.review_context(obj, reject_form), "form": form, "object": obj,
            "student": obj.student, "is_new": False, "window": state,
            "list_url": generic.url_for(DispatchRecord, "list"),
        })

    def post(self, request, **kwargs):
        action = request.POST.get("_action", "save")
        obj = self.get_object()
        here = reverse("employment:dispatchrecord_edit", kwargs={"pk": obj.pk})
        if action in REVIEW_ACTIONS:
            return self.post_review(request, obj, action, back_to(request, here))
        if action != "save":
            return redirect(here)
        if self.reviewing(obj):
            messages.error(request, "该记录有待审核的修改，请选择“同意”“不同意”或“调整后同意”。")
            return redirect(here)
        form = self.get_form(obj, request.POST)
        if not form.is_valid():
            return self.render_form(form, obj)
        values = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            actions.admin_update(obj, values, acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(form, self.get_object())
        messages.success(request, f"已保存“{obj.student}”的派遣信息。")
        return redirect(back_to(request, here))


class DispatchBulkReviewView(BulkReviewView):
    """批量审核: confirm the listed old → new changes, then approve all of them or none."""

    reviews = actions.reviews
    noun = "派遣信息"
    queryset = DispatchRecord.objects.select_related("student")
    template_name = "employment/dispatch/bulk_review.html"


class DispatchInitialiseView(generic.ConfirmedBulkView):
    """初始化派遣信息: selected records back to 回生源地, after a confirmation page; all or none."""

    queryset = DispatchRecord.objects.select_related("student__origin_region", "supervising_authority")
    action = "change"
    template_name = "employment/dispatch/initialise.html"

    def confirm_context(self, objects):
        return {"objects": objects, "shown": objects[:200]}

    def perform(self, objects):
        count = actions.reinitialise(objects, acting_user=self.request.user)
        return f"已将 {count} 条派遣信息初始化为回生源地。"


class DispatchBatchView(BatchQueryView):
    """批量查询列表 of the 派遣信息 list (as on the 生源信息 list)."""

    list_url_name = "employment:dispatchrecord_list"
    permission = "employment.dispatchrecord.view"


# -- 主管单位库 ---------------------------------------------------------------------------------------
class SupervisingAuthorityListView(generic.ObjectListView):
    # by region code: a province, then its prefectures; entries without a region last
    queryset = SupervisingAuthority.objects.select_related("region").order_by(
        F("region__code").asc(nulls_last=True), "name")
    filterset = SupervisingAuthorityFilterSet
    table = SupervisingAuthorityTable
    template_name = "employment/dispatch/authority_list.html"
    actions = ("add", "change")


class SupervisingAuthorityEditView(generic.ObjectEditView):
    queryset = SupervisingAuthority.objects.select_related("region")
    form = SupervisingAuthorityForm

    def get_object(self):
        if not sees_all_majors(self.request.user):
            raise PermissionDenied("只有学校管理员可以维护主管单位库。")
        return super().get_object()

    def save(self, form):
        return actions.save_authority(form, acting_user=self.request.user)

    def success_url(self, obj):
        return generic.url_for(SupervisingAuthority, "list")


class SupervisingAuthorityActiveView(generic.BulkActionView):
    """启用 / 停用 the selected authorities."""

    queryset = SupervisingAuthority.objects.all()
    action = "change"

    def perform(self, objects):
        active = self.request.POST.get("active") == "1"
        count = actions.set_authorities_active(objects, active, acting_user=self.request.user)
        return f"已{'启用' if active else '停用'} {count} 个主管单位。"


def authority_results(request, keyword):
    """The lookup answer: JSON with ?format=json, else the htmx list fragment."""
    keyword = (keyword or "").strip()
    found = lookup(keyword)
    if request.GET.get("format") == "json":
        return JsonResponse({"results": [
            {"id": a.pk, "name": a.name, "code": a.code, "region": a.region.code if a.region else "",
             "region_name": a.region.name if a.region else "", "address": a.address, "postal_code": a.postal_code}
            for a in found]}, json_dumps_params={"ensure_ascii": False})
    return render(request, "employment/dispatch/authority_options.html", {
        "keyword": keyword, "authorities": found, "too_short": len(keyword) < LOOKUP_MIN_CHARS})


class SupervisingAuthorityLookupView(generic.BackofficeView):
    """主管单位 type-ahead: ≥2 characters → up to 20 active authorities whose name contains them."""
    bench_kind = "lookup"  # what the list benchmark makes of it: careers/core/routes.py

    def get(self, request):
        user = request.user
        if not any(user.has_permission(code) for code in ("employment.dispatchrecord.view",
                                                          "employment.supervisingauthority.view")):
            raise PermissionDenied("您没有此操作的权限，请联系学校管理员分配。")
        return authority_results(request, request.GET.get("q") or request.GET.get("authority_q"))


