"""The back-office side of review (careers/core/review.py) for a reviewable record: 同意 / 不同意 (with a
reason) / 调整后同意 on its 修改 page (ReviewEditMixin) and on its detail page (ReviewPanelMixin, the same
decisions by the same post_review), and the confirm-then-approve 批量审核 page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from careers.core.forms import BaseForm
from careers.core.review import ReviewStatus, pending_diff, pending_objects
from careers.core.scoping import restricted

from .generic import BulkObjectsMixin

REVIEW_ACTIONS = ("approve", "adjust", "reject")


class RejectForm(BaseForm):
    reason = forms.CharField(label="不同意的原因", max_length=200, error_messages={
        "required": "请填写不同意的原因，学生将看到该原因。"})


class ReviewEditMixin:
    """Mix into an ObjectEditView. Set `reviews` (a ReviewActions), `review_permission` and `noun`."""

    reviews = None
    review_permission = ""
    noun = ""

    def can_review(self):
        return self.request.user.has_permission(self.review_permission)

    def reviewing(self, obj):
        return obj.review_status == ReviewStatus.PENDING and bool(obj.pending_changes) and self.can_review()

    def review_context(self, obj, reject_form=None):
        diff = pending_diff(obj) if obj.pending_changes else []
        return {"diff": diff, "pending": {name: (old, new) for name, _, old, new in diff},
                "reviewing": self.reviewing(obj), "reject_form": reject_form or RejectForm()}

    def adjustments(self, form):
        return {name: form.cleaned_data[name] for name in form.changed_data}

    def post_review(self, request, obj, action, done_url):
        """Run 同意 / 调整后同意 / 不同意 on `obj` (the action re-checks permission and scope)."""
        self.require(self.review_permission)
        form, reject_form = self.get_form(obj), None
        who = getattr(obj, "student", obj)
        try:
            if action == "approve":
                self.reviews.approve(obj, acting_user=request.user)
                messages.success(request, f"已同意“{who}”的{self.noun}修改。")
            elif action == "reject":
                reject_form = RejectForm(request.POST)
                if not reject_form.is_valid():
                    return self.render_form(form, obj, reject_form)
                self.reviews.reject(obj, reason=reject_form.cleaned_data["reason"], acting_user=request.user)
                messages.success(request, f"已退回“{who}”的{self.noun}修改，学生将看到原因。")
            else:
                form = self.get_form(obj, request.POST, request.FILES)
                if not form.is_valid():
                    return self.render_form(form, obj)
                self.reviews.approve(obj, acting_user=request.user, adjustments=self.adjustments(form))
                messages.success(request, f"已调整并同意“{who}”的{self.noun}修改。")
        except ValidationError as exc:
            if action == "approve":  # nothing was typed: say why on the page as it was
                messages.error(request, "未能同意：" + "；".join(exc.messages))
                return redirect(request.path)
            target = reject_form if action == "reject" else form
            target.add_error(None, exc)
            return self.render_form(form, self.get_object(), reject_form)
        return redirect(done_url)


class PendingForm:
    """The record's edit form (`form`) for a reviewer: it starts from the values the student asked for. Mixed in by
    each model's reviewing mixin, shared by its 修改 page and its detail page (ReviewPanelMixin)."""

    form = None

    def get_form(self, obj, data=None, files=None):
        initial = dict(obj.pending_changes) if self.reviewing(obj) else None
        return self.form(data, files, instance=obj, user=self.request.user, initial=initial)


class ReviewPanelMixin(ReviewEditMixin):
    """Mix into an ObjectView (before it): review where the data is. The detail page shows the pending changes
    old → new (core/includes/review/panel.html) and, to an admin who may review this record, 同意 / 不同意 /
    调整后同意, posted to the page itself and decided by ReviewEditMixin.post_review, as on the 修改 page.

    Set `form` (the model's edit form: 调整后同意 shows only its fields with a pending change, the others ride
    along hidden so the form validates as on the 修改 page), `reviews`, `review_permission` and `noun`.
    """

    form = None

    def reviewing(self, obj):
        # The page is open to "view"; deciding needs "review" on this very record (ReviewActions re-checks it).
        if not hasattr(self, "_reviewing"):
            self._reviewing = super().reviewing(obj) and restricted(
                self.queryset.model._default_manager.all(), self.request.user, "review").filter(pk=obj.pk).exists()
        return self._reviewing

    get_form = PendingForm.get_form

    def review_panel(self, obj, form=None, reject_form=None):
        context = self.review_context(obj, reject_form)
        context["review_form"] = (form or self.get_form(obj)) if context["reviewing"] else None
        context["review_panel"] = True
        return context

    def render_page(self, obj, extra=None):
        return super().render_page(obj, extra or self.review_panel(obj))

    def render_form(self, form, obj, reject_form=None):
        """post_review's way back when a decision is refused: this page, with what was typed and why."""
        self.__dict__.pop("_reviewing", None)
        return self.render_page(obj, self.review_panel(obj, form, reject_form))

    def post(self, request, pk):
        obj = self.get_object()  # out of scope: 404, as the page itself
        action = request.POST.get("_action", "")
        if action not in REVIEW_ACTIONS:
            return redirect(request.path)
        return self.post_review(request, obj, action, request.path)


class BulkReviewView(BulkObjectsMixin):
    """批量审核: show the selected records' old → new changes, then approve all of them or none.

    Set `queryset`, `reviews` (a ReviewActions), `noun` and `template_name` (which includes
    core/includes/review/bulk.html).
    """

    action = "review"
    reviews = None
    noun = ""
    counter = "条"  # 条记录 / 个单位

    def post(self, request):
        objects, error = self.selected()
        if error:
            messages.error(request, error)
            return self.back()
        if "_confirm" not in request.POST:
            shown = objects[:200]
            objects_by_field = pending_objects(self.model, shown)
            rows = [(obj, pending_diff(obj, objects_by_field)) for obj in shown]
            return render(request, self.template_name, {
                **self.base_context(), "objects": objects, "rows": rows,
                "pending_count": sum(1 for o in objects if o.review_status == ReviewStatus.PENDING),
                "return_url": request.POST.get("return_url", "")})
        try:
            count = self.approve_all(objects, acting_user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", None) or [str(exc)]) + "（未审核任何记录）")
        else:
            messages.success(request, f"已审核通过 {count} {self.counter}{self.noun}。")
        return self.back()

    def approve_all(self, objects, *, acting_user):
        """Hook: an app whose bulk approval does more (e.g. notify) calls its own action here."""
        return self.reviews.bulk_approve(objects, acting_user=acting_user)
