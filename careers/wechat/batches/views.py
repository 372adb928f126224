"""批量消息发送面板 (manual 8.6): the batches, a batch's page with its live progress bar (htmx polling of one
aggregate query) and per-recipient statuses (paginated, filterable by status), 发送 / 立即发送 / 删除.

Every view checks `wechat.batchsend.*` and reads batches through BatchSend.objects.restrict(user, action): a
batch of a major the admin does not manage does not exist for them (404)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.models import MessageDelivery
from careers.core.pagination import CappedPaginator
from careers.core.views.generic import BackofficeView

from . import actions, progress
from .forms import BatchForm
from .models import BatchSend, BatchState

PER_PAGE = 50
Status = MessageDelivery.Status


class BatchMixin(BackofficeView):
    model = BatchSend  # what a <pk> names (core.routes.model_of: the demo walk)

    def batches(self, action="view"):
        self.require(f"wechat.batchsend.{action}")
        return BatchSend.objects.restrict(self.request.user, action)

    def get_batch(self, pk, action="view"):
        return get_object_or_404(self.batches(action).select_related("college", "major", "created_by"), pk=pk)


def error_text(exc):
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc)


class BatchListView(BatchMixin):
    def get(self, request):
        batches = self.batches().select_related("college", "major", "created_by")
        state = request.GET.get("state", "")
        if state in BatchState.values:
            batches = batches.filter(state=state)
        page = Paginator(batches.order_by("-pk"), PER_PAGE).get_page(request.GET.get("page"))
        return render(request, "wechat/batches/batch_list.html", {
            "page": page, "states": BatchState.choices, "state": state, "page_title": "批量消息发送面板",
            "can_add": request.user.has_permission("wechat.batchsend.add")})


class BatchEditView(BatchMixin):
    """新增 / 修改 a draft. The recipient count is shown on the batch's page before 发送. A batch that has started
    sending can no longer change: its edit link leads back to its page (an old bookmark, a second tab)."""

    def get_object(self, pk):
        if pk is None:
            self.require("wechat.batchsend.add")
            return BatchSend(channels=list(actions.DEFAULT_CHANNELS))
        return self.get_batch(pk, "change")

    def started(self, batch):
        if batch.pk is None or batch.state == BatchState.DRAFT:
            return None
        messages.warning(self.request, "该批量消息已开始发送，不能再修改。")
        return redirect("wechat:batchsend_detail", pk=batch.pk)

    def get(self, request, pk=None):
        batch = self.get_object(pk)
        return self.started(batch) or self.show(BatchForm(instance=batch, user=request.user), batch)

    def show(self, form, batch):
        return render(self.request, "wechat/batches/batch_edit.html", {
            "form": form, "object": batch, "is_new": batch.pk is None, "page_title": "批量消息发送面板",
            "list_url": reverse("wechat:batchsend_list")})

    def post(self, request, pk=None):
        batch = self.get_object(pk)
        if refused := self.started(batch):
            return refused
        form = BatchForm(request.POST, instance=batch, user=request.user)
        if form.is_valid():
            batch = form.save(commit=False)
            saved = form.selected_query()
            if saved is None:
                batch.query = {}
            try:
                actions.save_draft(batch, acting_user=request.user, saved_query=saved)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, f"已保存批量消息“{batch.title}”，请核对发送对象人数后点击“发送”。")
                return redirect("wechat:batchsend_detail", pk=batch.pk)
        return self.show(form, batch)


def progress_context(batch):
    figures = progress.counts(batch.message_id)
    batch = progress.refresh_state(batch=batch, figures=figures) or batch
    return {"object": batch, "figures": figures, "bars": progress.bars(figures),
            "unfinished": progress.unfinished(figures), "polling": batch.state == BatchState.RUNNING}


class BatchView(BatchMixin):
    def get(self, request, pk):
        batch = self.get_batch(pk)
        user = request.user
        context = {"page_title": "批量消息发送面板", "list_url": reverse("wechat:batchsend_list"),
                   "can_change": user.has_permission("wechat.batchsend.change") and
                   BatchSend.objects.restrict(user, "change").filter(pk=batch.pk).exists()}
        if batch.state == BatchState.DRAFT:
            try:
                context["recipient_count"] = actions.recipient_count(batch, user, request)
            except ValidationError as exc:
                context["recipient_error"] = error_text(exc)
        else:
            context.update(progress_context(batch))
            context.update(self.recipients(batch))
        context["object"] = context.get("object", batch)
        return render(request, "wechat/batches/batch_detail.html", context)

    def recipients(self, batch):
        """The per-recipient statuses: one page of delivery rows (COUNT + one SELECT), filterable by status."""
        bucket = self.request.GET.get("status", "")
        rows = MessageDelivery.objects.filter(message_id=batch.message_id)
        if bucket in progress.BUCKETS:
            rows = rows.filter(progress.BUCKETS[bucket][1])
        keyword = (self.request.GET.get("q") or "").strip()
        if keyword:
            rows = rows.filter(recipient__student__name__contains=keyword) | rows.filter(
                recipient__student__student_number__contains=keyword)
        count = rows.count()  # before values(): counting through the joins to students took 37 ms for 10,000
        rows = rows.order_by("pk").values(
            "pk", "channel", "status", "error", "sent_at", "attempts", "next_attempt_at",
            "recipient__student__name", "recipient__student__student_number", "recipient__username",
            "wechat_send__state", "wechat_send__result_at")
        page = CappedPaginator(rows, PER_PAGE, exact=True, count=count).get_page(self.request.GET.get("page"))
        labels = dict(Status.choices)
        from ..template_messages.models import SendState

        results = dict(SendState.choices)
        for row in page.object_list:
            row["status_label"] = labels.get(row["status"], row["status"])
            if row["status"] == Status.FAILED and row["next_attempt_at"]:
                row["status_label"] = "等待重试"
            row["result_label"] = results.get(row["wechat_send__state"], "")
            row["channel_label"] = dict(actions.CHANNELS).get(row["channel"], row["channel"])
        return {"page": page, "bucket": bucket, "keyword": keyword, "buckets": [
            (key, label) for key, (label, _) in progress.BUCKETS.items()]}


class BatchProgressView(BatchMixin):
    """The progress fragment the batch page polls (htmx, every 2 s while RUNNING): one aggregate query."""

    def get(self, request, pk):
        batch = self.get_batch(pk)
        context = progress_context(batch) if batch.message_id else {"object": batch, "polling": False}
        return render(request, "wechat/batches/progress.html", context)


class BatchSendView(BatchMixin):
    def post(self, request, pk):
        batch = self.get_batch(pk, "change")
        try:
            batch = actions.start(batch, acting_user=request.user, request=request)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, f"已开始发送，共 {batch.total} 名学生。发送在后台进行，可以关闭本页面。")
        return redirect("wechat:batchsend_detail", pk=pk)


class BatchResumeView(BatchMixin):
    """立即发送: continue with only the unsent recipients."""

    def post(self, request, pk):
        batch = self.get_batch(pk, "change")
        try:
            count = actions.resume(batch, acting_user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, f"已重新排队 {count} 条未发送的投递，继续发送中。" if count else
                             "没有需要重新发送的投递，未发送完的部分正在发送中。")
        return redirect("wechat:batchsend_detail", pk=pk)


class BatchDeleteView(BatchMixin):
    def post(self, request, pk):
        batch = self.get_batch(pk, "change")
        try:
            actions.delete_draft(batch, acting_user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc))
            return redirect("wechat:batchsend_detail", pk=pk)
        messages.success(request, "已删除批量消息草稿。")
        return redirect("wechat:batchsend_list")
