"""批量消息 writes: save a draft, 发送 (resolve the recipients once, one core Message with a delivery per recipient
and channel), 立即发送 (re-queue only what was not sent), 删除 a draft. Every write is one transaction with its
operation-log entry. The sending itself runs in Celery (core.messaging's deliver_message): the admin may close
the page.

Scope (deny by default): a batch is scoped by its major (BatchSend.scope_major_lookup = "major"). An admin who
manages only some majors must pick one of them; a school-wide, per-year or per-college batch (no major) is for
school-wide admins only. The recipients are always cut to the sender's scope as well.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from careers.core.history import log_event
from careers.core.messaging import send_message, validate_link
from careers.core.messaging.tasks import queue_delivery
from careers.core.models import MessageDelivery
from careers.core.scoping import account, is_system, managed_major_ids, may, scope_filter, sees_all_majors
from careers.students.models import SavedQuery, Student

from ..template_messages.channel import clear_quota_pause
from ..template_messages.models import TemplateSend
from .models import BatchSend, BatchState

Status = MessageDelivery.Status
CHANNELS = (("wechat", "微信消息"), ("inbox", "站内消息"))  # e-mail is not offered for batches (manual 8.6)
DEFAULT_CHANNELS = ["wechat"]
EDITABLE_FIELDS = ["graduation_year", "college", "major", "query", "title", "body", "link", "channels"]
MODULE = "wechat"


def require(user, action, message="您没有批量消息发送的权限。"):
    if not may(user, BatchSend, action):
        raise PermissionDenied(message)


class _QueryRequest:
    """What StudentFilterSet needs of a request when a saved query is applied outside one (tasks, demo)."""

    def __init__(self, user):
        self.user = user
        self.session = {}


def saved_query_params(saved):
    return {"saved_query": saved.pk, "name": saved.name, "params": saved.query}


def students_for(batch, user, request=None):
    """The students the batch goes to, cut to `user`'s scope: one queryset (not evaluated)."""
    students = scope_filter(Student.objects.filter(is_active=True), user)
    if batch.graduation_year:
        students = students.filter(graduation_year=batch.graduation_year)
    if batch.college_id:
        students = students.filter(major__college_id=batch.college_id)
    if batch.major_id:
        students = students.filter(major_id=batch.major_id)
    params = (batch.query or {}).get("params")
    if params:
        from careers.students.records.filtersets import StudentFilterSet

        data = QueryDict(params, mutable=True)
        for key in ("page", "per_page", "sort"):
            data.pop(key, None)
        filterset = StudentFilterSet(data, queryset=students, request=request or _QueryRequest(user))
        if not filterset.is_valid():
            raise ValidationError({"saved_query": "所选常用查询的条件已无效，请重新保存该查询。"})
        students = filterset.qs
    return students


def recipients_for(batch, user, request=None):
    """The students' login accounts (active ones only): one queryset of users."""
    students = students_for(batch, user, request)
    return get_user_model().objects.filter(is_active=True, pk__in=students.filter(user__isnull=False)
                                           .values("user_id"))


def recipient_count(batch, user, request=None):
    return recipients_for(batch, user, request).count()


def check_scope(batch, user):
    """A scoped admin's batch names one of their majors (and its college, if one is chosen)."""
    if sees_all_majors(user):
        return
    if not batch.major_id:
        raise ValidationError({"major": "请选择您管辖的专业：全校或整个学院的批量消息只能由学校管理员发送。"})
    if not managed_major_ids(user).filter(pk=batch.major_id).exists():
        raise PermissionDenied("您不能向该专业的学生发送消息。")


def clean_batch(batch, user):
    errors = {}
    batch.title = " ".join((batch.title or "").split())
    if not batch.title:
        errors["title"] = "请填写消息标题。"
    if not (batch.body or "").strip():
        errors["body"] = "请填写消息内容。"
    batch.link = (batch.link or "").strip()
    try:
        validate_link(batch.link)
    except ValidationError as exc:
        errors["link"] = exc.messages
    channels = [key for key, _ in CHANNELS if key in (batch.channels or [])]
    if not channels:
        errors["channels"] = "请至少选择一个发送渠道。"
    batch.channels = channels
    if batch.major_id and batch.college_id and batch.major.college_id != batch.college_id:
        errors["major"] = "所选专业不属于所选学院。"
    if batch.major_id and not batch.college_id:
        batch.college_id = batch.major.college_id
    if errors:
        raise ValidationError(errors)
    check_scope(batch, user)


def save_draft(batch, *, acting_user, saved_query=None):
    """新增 / 修改 a batch that has not been sent."""
    is_new = batch.pk is None
    require(acting_user, "add" if is_new else "change")
    if not is_new and batch.state != BatchState.DRAFT:
        raise ValidationError("已开始发送的批量消息不能再修改。")
    if saved_query is not None:
        if not is_system(acting_user) and saved_query.user_id != getattr(acting_user, "pk", None):
            raise PermissionDenied("只能使用自己保存的常用查询。")
        batch.query = saved_query_params(saved_query)
    clean_batch(batch, acting_user)
    with transaction.atomic():
        if is_new:
            batch.created_by = account(acting_user)
            batch.save()
        else:
            # 发送 may have started since the form was read: check under the row lock and write only what the
            # form edits, so a stale instance never turns a sending batch back into a draft.
            current = BatchSend.objects.select_for_update().only("state").get(pk=batch.pk)
            if current.state != BatchState.DRAFT:
                raise ValidationError("已开始发送的批量消息不能再修改。")
            batch.save(update_fields=EDITABLE_FIELDS)
        log_event("create" if is_new else "update", module=MODULE, obj=batch, user=account(acting_user),
                  message=f"{'新增' if is_new else '修改'}批量消息“{batch.title}”")
    return batch


def start(batch, *, acting_user, request=None):
    """发送: recipients resolved once (in scope), stored as deliveries; the workers take it from there."""
    require(acting_user, "change")
    with transaction.atomic():
        batch = BatchSend.objects.select_for_update().get(pk=batch.pk)
        if batch.state != BatchState.DRAFT:
            raise ValidationError("该批量消息已经开始发送。")
        check_scope(batch, acting_user)
        recipients = recipients_for(batch, acting_user, request)
        message = send_message(recipients=recipients, subject=batch.title, body=batch.body,
                               channels=batch.channels or DEFAULT_CHANNELS, sender=account(acting_user),
                               link=batch.link, kind="batch")
        if message is None:
            raise ValidationError("没有符合条件的学生（或学生尚未开通登录账号），无法发送。")
        batch.message = message
        batch.total = message.deliveries.values("recipient_id").distinct().count()
        batch.state = BatchState.RUNNING
        batch.started_at = timezone.now()
        batch.save(update_fields=["message", "total", "state", "started_at", "updated_at"])
        log_event("other", module=MODULE, obj=batch, user=account(acting_user),
                  message=f"发送批量消息“{batch.title}”，共 {batch.total} 名学生")
    return batch


def resendable(message_id):
    """Deliveries 立即发送 puts back in the queue: not sent, not in a worker's hands (an unexpired claim), and
    never one WeChat has accepted (a msgid on record)."""
    now = timezone.now()
    return (MessageDelivery.objects.filter(message_id=message_id)
            .filter(Q(status__in=(Status.FAILED, Status.SKIPPED)) | Q(status=Status.SENDING, next_attempt_at__lte=now))
            .exclude(pk__in=TemplateSend.objects.filter(delivery__message_id=message_id, msgid__isnull=False)
                     .values("delivery_id")))


def resume(batch, *, acting_user):
    """立即发送: continue an unfinished batch with only the unsent recipients. Returns the number re-queued.

    Rows a worker holds under an unexpired claim are left alone (their lease runs out and the sweep takes them);
    a row whose send is still in doubt is re-queued but the channel waits for WeChat's result before resending."""
    require(acting_user, "change")
    with transaction.atomic():
        batch = BatchSend.objects.select_for_update().get(pk=batch.pk)
        if batch.state == BatchState.DRAFT or not batch.message_id:
            raise ValidationError("该批量消息尚未发送，请使用“发送”。")
        count = resendable(batch.message_id).update(status=Status.QUEUED, error="", attempts=0,
                                                    next_attempt_at=None)
        batch.state = BatchState.RUNNING
        batch.finished_at = None
        batch.save(update_fields=["state", "finished_at", "updated_at"])
        log_event("other", module=MODULE, obj=batch, user=account(acting_user),
                  message=f"立即发送批量消息“{batch.title}”：重新排队 {count} 条未发送的投递")
        message_id = batch.message_id
        transaction.on_commit(clear_quota_pause)
        transaction.on_commit(lambda: queue_delivery(message_id))
    return count


def delete_draft(batch, *, acting_user):
    require(acting_user, "change")
    if batch.state != BatchState.DRAFT:
        raise ValidationError("已开始发送的批量消息不能删除。")
    with transaction.atomic():
        log_event("delete", module=MODULE, obj=batch, user=account(acting_user),
                  message=f"删除批量消息草稿“{batch.title}”")
        batch.delete()


def saved_queries(user):
    if not getattr(user, "is_authenticated", False):
        return SavedQuery.objects.none()
    return SavedQuery.objects.filter(user=user)
