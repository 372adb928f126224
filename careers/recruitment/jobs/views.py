"""招聘服务管理 → 职位管理 (manual 4.3): list (only 已入驻 units' posts), review with the pending diff,
批量审核 (all or nothing), 刷新时间, export. Writes go through jobs/actions.py."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.codes.models import Code
from careers.core.review import ReviewStatus, pending_diff
from careers.core.views import generic
from careers.core.views.review import BulkReviewView, RejectForm

from . import actions
from .filtersets import JobFilterSet
from .models import Job
from .tables import JobTable

jobs = Job.objects.of_admitted_employers().select_related("employer", "region", "education")
REVIEW = "recruitment.job.review"


class JobListView(generic.ObjectListView):
    queryset = jobs
    filterset = JobFilterSet
    table = JobTable
    template_name = "recruitment/job_list.html"
    actions = ("export",)


class JobRejectForm(RejectForm):
    reason = forms.CharField(label="不同意的原因", max_length=200, error_messages={
        "required": "请填写不同意的原因，用人单位将看到该原因。"})


def discipline_change(job):
    """(old names, new names) when the post's pending edit changes its 专业类别, else None."""
    new = (job.pending_changes or {}).get(actions.DISCIPLINES)
    if new is None:
        return None
    old = "、".join(job.disciplines.order_by("code").values_list("name", flat=True)) or "不限"
    new = "、".join(Code.objects.filter(pk__in=new).order_by("code").values_list("name", flat=True)) or "不限"
    return old, new


class JobReviewView(generic.ModelViewMixin):
    """审核: the post as the unit submitted it; an approved post's edit shown old → new; 同意 / 不同意."""

    queryset = Job.objects.of_admitted_employers().select_related(
        "employer__industry", "employer__nature", "region__parent__parent", "education", "reviewed_by")
    template_name = "recruitment/job_review.html"

    def get_object(self):
        return get_object_or_404(self.restricted("view"), pk=self.kwargs["pk"])

    def render_page(self, obj, reject_form=None):
        can_review = self.request.user.has_permission(REVIEW)
        return render(self.request, self.template_name, {
            **self.base_context(), "object": obj, "job": obj,
            "diff": pending_diff(obj) if obj.pending_changes else [], "discipline_change": discipline_change(obj),
            "disciplines": list(obj.disciplines.order_by("code").values_list("name", flat=True)),
            "reviewing": can_review and obj.review_status == ReviewStatus.PENDING,
            "reject_form": reject_form or JobRejectForm(), "list_url": reverse("recruitment:job_list")})

    def get(self, request, pk):
        return self.render_page(self.get_object())

    def post(self, request, pk):
        obj = self.get_object()
        self.require(REVIEW)
        action = request.POST.get("_action")
        try:
            if action == "approve":
                actions.reviews.approve(obj, acting_user=request.user)
                messages.success(request, f"职位“{obj}”已审核通过，网站按新的更新时间显示。")
            elif action == "reject":
                form = JobRejectForm(request.POST)
                if not form.is_valid():
                    return self.render_page(obj, form)
                actions.reviews.reject(obj, reason=form.cleaned_data["reason"], acting_user=request.user)
                messages.success(request, f"职位“{obj}”未通过审核，用人单位将看到原因。")
            else:
                return redirect(request.path)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "操作未完成：" + "；".join(getattr(exc, "messages", None) or [str(exc)]))
            return redirect(request.path)
        return redirect(reverse("recruitment:job_list") + "?status=waiting")


class JobBulkReviewView(BulkReviewView):
    queryset = Job.objects.of_admitted_employers().select_related("employer")
    reviews = actions.reviews
    noun = "职位"
    template_name = "recruitment/job_review_bulk.html"


class JobBumpView(generic.BulkActionView):
    """刷新时间: the checked approved posts move to the top of the site (all of them, or none)."""

    queryset = Job.objects.of_admitted_employers()
    action = "change"

    def perform(self, objects):
        count = actions.bump(objects, acting_user=self.request.user)
        return f"已刷新 {count} 个职位的更新时间，它们将排在网站职位列表的前面。"
