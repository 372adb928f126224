"""The messaging service: send_message, channels, the delivery task, inbox, 消息记录."""

import math
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends import locmem
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.core.messaging import (
    Channel,
    DeliveryError,
    deliver_message,
    deliver_pending,
    register_channel,
    send_message,
    unregister_channel,
)
from careers.core.messaging import delivery as delivery_loop
from careers.core.messaging import service
from careers.core.models import Message, MessageDelivery
from careers.core.permissions import registry
from tests.factories import UserFactory

Status = MessageDelivery.Status


@pytest.fixture(autouse=True)
def messaging_settings(settings):
    from config.celery import app

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MESSAGE_RATE_LIMITS = {}  # the rate-limit test sets its own
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # no worker in tests: tasks run in-process
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def student(db):
    def make(username, *, email="", **extra):
        return UserFactory(username=username, name=f"学生{username}", kind=User.Kind.STUDENT, email=email, **extra)

    return make


def bulk_students(n, *, prefix="bulk", email=True):
    User.objects.bulk_create([
        User(username=f"{prefix}{i:04d}", name=f"批量学生{i}", kind=User.Kind.STUDENT, must_change_password=False,
             email=f"{prefix}{i}@example.edu.cn" if email else "")
        for i in range(n)
    ])
    return User.objects.filter(username__startswith=prefix)


def deliveries(message, channel=None):
    qs = MessageDelivery.objects.filter(message=message).order_by("pk")
    return qs.filter(channel=channel) if channel else qs


def make_due(message):
    """Pretend the retry backoff has passed."""
    deliveries(message).filter(status=Status.FAILED, next_attempt_at__isnull=False).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1))


@pytest.fixture
def smtp_failures(monkeypatch):
    """Make the locmem backend raise `errors` in turn (None = deliver normally)."""
    original = locmem.EmailBackend.send_messages
    state = {"errors": [], "calls": 0}

    def send_messages(self, messages):
        state["calls"] += 1
        error = state["errors"].pop(0) if state["errors"] else None
        if error is not None:
            raise error
        return original(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_messages)
    return state


# --- sending ------------------------------------------------------------------------

def test_inbox_and_email_deliveries_recorded_with_status(student, django_capture_on_commit_callbacks):
    alice = student("alice", email="alice@example.edu.cn")
    bob = student("bob")  # no email
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(recipients=[alice, bob], subject="招聘会通知", body="请于周五参加双选会。",
                               channels=("inbox", "email"), link="/fairs/1/")

    rows = {(d.recipient_id, d.channel): d for d in deliveries(message)}
    assert len(rows) == 4
    for user in (alice, bob):
        inbox = rows[(user.pk, "inbox")]
        assert inbox.status == Status.SENT and inbox.sent_at is not None and inbox.read_at is None
    assert rows[(alice.pk, "email")].status == Status.SENT
    assert rows[(alice.pk, "email")].sent_at is not None
    skipped = rows[(bob.pk, "email")]
    assert skipped.status == Status.SKIPPED
    assert skipped.error == "未填写电子邮箱"

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["alice@example.edu.cn"]
    assert email.subject == "招聘会通知"
    assert "请于周五参加双选会。" in email.body
    assert message.channels == ["inbox", "email"]


def test_inbox_only_needs_no_task(student, monkeypatch):
    alice = student("alice")
    monkeypatch.setattr(service, "queue_delivery", lambda pk: pytest.fail("inbox-only must not queue a task"))
    message = send_message(recipients=[alice], subject="欢迎", body="欢迎使用平台")
    delivery = deliveries(message).get()
    assert (delivery.channel, delivery.status) == ("inbox", Status.SENT)


def test_inactive_and_duplicate_recipients_are_left_out(student):
    alice = student("alice")
    gone = student("gone", is_active=False)
    message = send_message(recipients=[alice, alice, gone], subject="通知", body="")
    assert list(deliveries(message).values_list("recipient_id", flat=True)) == [alice.pk]

    message = send_message(recipients=User.objects.filter(username__in=["alice", "gone"]), subject="通知", body="")
    assert list(deliveries(message).values_list("recipient_id", flat=True)) == [alice.pk]

    message = send_message(recipients=User.objects.filter(is_active=True).order_by("username")[:1],
                           subject="通知", body="")
    assert list(deliveries(message).values_list("recipient_id", flat=True)) == [alice.pk]

    assert send_message(recipients=[gone], subject="通知", body="") is None
    assert send_message(recipients=User.objects.none(), subject="通知", body="") is None


def test_subject_is_one_line_and_required(student):
    alice = student("alice")
    message = send_message(recipients=[alice], subject="第一行\r\n第二行", body="")
    assert message.subject == "第一行 第二行"
    with pytest.raises(ValidationError):
        send_message(recipients=[alice], subject="  ", body="")


def test_unknown_channel_is_rejected(student):
    with pytest.raises(ValueError):
        send_message(recipients=[student("alice")], subject="通知", body="", channels=("fax",))
    assert not Message.objects.exists()


@pytest.mark.parametrize("link", [
    "http://evil.example.com/login",
    "https://evil.example.com",
    "//evil.example.com/path",
    "/\\evil.example.com",
    "\\\\evil.example.com",
    "javascript:alert(1)",
    "jobs/12/",
    "/jobs/12/\nSet-Cookie: x=1",
    "/a b",
])
def test_unsafe_links_are_rejected(student, link):
    with pytest.raises(ValidationError):
        send_message(recipients=[student("alice")], subject="通知", body="", link=link)
    assert not Message.objects.exists()


@pytest.mark.parametrize("link", ["", "/jobs/12/", "/students/?year=2026&major=3#list"])
def test_site_links_are_accepted(student, link):
    message = send_message(recipients=[student("alice")], subject="通知", body="", link=link)
    assert message.link == link


# --- email failures and retries ---------------------------------------------------

def test_smtp_failure_is_recorded_then_retried(student, smtp_failures, django_capture_on_commit_callbacks):
    alice = student("alice", email="alice@example.edu.cn")
    smtp_failures["errors"] = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")]
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(recipients=[alice], subject="面试通知", body="……", channels=("email",))

    delivery = deliveries(message).get()
    assert delivery.status == Status.FAILED
    assert "SMTPServerDisconnected" in delivery.error and "Connection unexpectedly closed" in delivery.error
    assert delivery.attempts == 1
    assert delivery.next_attempt_at >= before + timedelta(seconds=delivery_loop.RETRY_BACKOFF[0])
    assert mail.outbox == []

    deliver_pending(message.pk)  # before the backoff: nothing happens
    assert deliveries(message).get().status == Status.FAILED and mail.outbox == []

    make_due(message)
    report = deliver_pending(message.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.error, delivery.attempts) == (Status.SENT, "", 2)
    assert delivery.next_attempt_at is None and delivery.sent_at is not None
    assert report.sent == 1 and report.retry_in is None
    assert [m.to for m in mail.outbox] == [["alice@example.edu.cn"]]


def test_retries_stop_after_max_retries(student, smtp_failures):
    alice = student("alice", email="alice@example.edu.cn")
    smtp_failures["errors"] = [smtplib.SMTPServerDisconnected("down")] * 10
    message = send_message(recipients=[alice], subject="通知", body="", channels=("email",))
    deliver_pending(message.pk)
    for _ in range(delivery_loop.MAX_RETRIES):
        make_due(message)
        report = deliver_pending(message.pk)
    delivery = deliveries(message).get()
    assert delivery.status == Status.FAILED
    assert delivery.attempts == delivery_loop.MAX_RETRIES + 1
    assert delivery.next_attempt_at is None  # given up
    assert report.retry_in is None
    assert smtp_failures["calls"] == delivery_loop.MAX_RETRIES + 1

    make_due(message)
    deliver_pending(message.pk)
    assert smtp_failures["calls"] == delivery_loop.MAX_RETRIES + 1


def test_refused_address_is_not_retried(student, smtp_failures):
    alice = student("alice", email="nobody@example.edu.cn")
    smtp_failures["errors"] = [smtplib.SMTPRecipientsRefused({"nobody@example.edu.cn": (550, b"no such user")})]
    message = send_message(recipients=[alice], subject="通知", body="", channels=("email",))
    deliver_pending(message.pk)
    delivery = deliveries(message).get()
    assert delivery.status == Status.FAILED and delivery.next_attempt_at is None
    assert "拒收" in delivery.error


# --- idempotency and rate limits --------------------------------------------------

def test_rate_limit_requeues_and_never_sends_twice(student, settings, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    settings.MESSAGE_RATE_LIMITS = {"email": 2}
    clock = [1_700_000_000.25]
    monkeypatch.setattr(delivery_loop, "_clock", lambda: clock[0])
    queued = []  # stands in for the broker: (args, countdown) of each apply_async

    def fake_apply_async(args=None, kwargs=None, countdown=None, **options):
        queued.append((list(args or ()), countdown))

    monkeypatch.setattr(deliver_message, "apply_async", fake_apply_async)
    users = [student(f"s{i}", email=f"s{i}@example.edu.cn") for i in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(recipients=users, subject="通知", body="", channels=("email",))
    assert queued == [([message.pk], None)]

    deliver_message(message.pk)  # a worker runs the task
    assert len(mail.outbox) == 2
    assert queued[-1] == ([message.pk], 1)  # re-queued for the next second, not slept
    assert deliveries(message).filter(status=Status.SENT).count() == 2
    assert deliveries(message).filter(status=Status.QUEUED, attempts=0).count() == 3

    deliver_message(message.pk)  # the re-queued run arrives within the same second
    assert len(mail.outbox) == 2
    assert len(queued) == 3

    clock[0] += 1
    deliver_message(message.pk)
    assert len(mail.outbox) == 4
    clock[0] += 1
    deliver_message(message.pk)
    assert len(mail.outbox) == 5
    assert len(queued) == 4  # done: no further re-queue

    clock[0] += 1
    deliver_message(message.pk)  # a duplicate task (redelivery, sweep) sends nothing
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert deliveries(message).filter(status=Status.SENT).count() == 5


def test_rows_claimed_by_another_worker_are_left_alone(student):
    alice = student("alice", email="alice@example.edu.cn")
    message = send_message(recipients=[alice], subject="通知", body="", channels=("email",))
    lease = timezone.now() + timedelta(minutes=5)
    deliveries(message).update(status=Status.SENDING, next_attempt_at=lease, attempts=1)

    deliver_pending(message.pk)
    assert mail.outbox == []
    assert deliveries(message).get().status == Status.SENDING

    # That worker died: once its lease expires the row is sent (once).
    deliveries(message).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    deliver_pending(message.pk)
    deliver_pending(message.pk)
    assert len(mail.outbox) == 1
    assert deliveries(message).get().status == Status.SENT


def test_claim_takes_each_row_once(student):
    users = [student(f"s{i}", email=f"s{i}@example.edu.cn") for i in range(3)]
    message = send_message(recipients=users, subject="通知", body="", channels=("email",))
    now = timezone.now()
    first = delivery_loop.claim(message.pk, "email", 2, now)
    second = delivery_loop.claim(message.pk, "email", 10, now)
    third = delivery_loop.claim(message.pk, "email", 10, now)
    assert len(first) == 2 and len(second) == 1 and third == []
    assert not {d.pk for d in first} & {d.pk for d in second}


def test_sweep_requeues_lost_deliveries(student, monkeypatch):
    from careers.core.messaging import deliver_due_messages

    alice = student("alice", email="alice@example.edu.cn")
    message = send_message(recipients=[alice], subject="通知", body="", channels=("email",))
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(hours=1))
    deliver_due_messages()  # eager: runs the delivery
    assert len(mail.outbox) == 1


# --- bounded queries ----------------------------------------------------------------

def insert_statements(rows):
    """INSERTs bulk_create needs for `rows` deliveries (SQLite caps parameters per query)."""
    fields = [f for f in MessageDelivery._meta.concrete_fields if not f.primary_key]
    per_insert = min(service.CREATE_BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * rows) or rows)
    return math.ceil(rows / per_insert)


def test_send_to_500_users_uses_bounded_queries(db, django_assert_max_num_queries):
    recipients = bulk_students(500)
    # recipients + message + savepoint pair + the INSERTs: nothing per recipient.
    with django_assert_max_num_queries(5 + insert_statements(1000)):
        message = send_message(recipients=recipients, subject="就业调查", body="请填写问卷。",
                               channels=("inbox", "email"))
    assert deliveries(message).count() == 1000
    assert deliveries(message, "inbox").filter(status=Status.SENT).count() == 500

    # The task: a constant number of queries per batch of 100, not per recipient.
    batches = math.ceil(500 / delivery_loop.BATCH_SIZE) + 1  # + the empty claim that ends the loop
    with django_assert_max_num_queries(4 + 8 * batches):
        report = deliver_pending(message.pk)
    assert report.sent == 500
    assert len(mail.outbox) == 500
    assert len({m.to[0] for m in mail.outbox}) == 500


@pytest.mark.postgres_only  # the in-memory SQLite test database answers two threads "table is locked"
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("skip_locked", [True, False], ids=["skip-locked", "recheck-only"])
def test_concurrent_workers_send_each_delivery_once(monkeypatch, skip_locked):
    """Two workers on one message at once: SKIP LOCKED, or (as on SQLite) only the
    re-checked UPDATE, gives every delivery to exactly one of them."""
    monkeypatch.setattr(type(connection.features), "has_select_for_update_skip_locked", skip_locked)
    recipients = bulk_students(300, prefix="conc")
    monkeypatch.setattr(service, "queue_delivery", lambda pk: None)  # the two workers below do it
    message = send_message(recipients=recipients, subject="并发", body="", channels=("email",))
    from tests.concurrency import run_concurrently

    reports = run_concurrently(lambda: deliver_pending(message.pk, batch_size=20), 2)
    assert [r for r in reports if isinstance(r, BaseException)] == []
    assert sum(r.sent for r in reports) == 300
    assert len(mail.outbox) == 300 and len({m.to[0] for m in mail.outbox}) == 300
    assert deliveries(message).filter(status=Status.SENT).count() == 300


# --- extension point ----------------------------------------------------------------

class FakeSmsChannel(Channel):
    """Test double for a future SMS channel."""

    label = "短信（测试）"
    missing_address_reason = "未填写手机号码"
    sent = []
    fail_with = None

    def address(self, user):
        return user.phone

    def send(self, message, delivery, address):
        if self.fail_with:
            raise self.fail_with
        self.sent.append((address, message.subject))


@pytest.fixture
def sms_channel():
    channel = register_channel("test_sms", FakeSmsChannel)
    channel.sent = []
    yield channel
    unregister_channel("test_sms")


def test_a_registered_channel_plugs_in(student, sms_channel, django_capture_on_commit_callbacks):
    alice = student("alice", phone="13800000000")
    bob = student("bob")
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(recipients=[alice, bob], subject="短信通知", body="", channels=("test_sms",))
    assert sms_channel.sent == [("13800000000", "短信通知")]
    rows = {d.recipient_id: d for d in deliveries(message)}
    assert rows[alice.pk].status == Status.SENT
    assert (rows[bob.pk].status, rows[bob.pk].error) == (Status.SKIPPED, "未填写手机号码")

    sms_channel.fail_with = DeliveryError("用户已退订", permanent=True)
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(recipients=[alice], subject="短信通知", body="", channels=("test_sms",))
    delivery = deliveries(message).get()
    assert (delivery.status, delivery.error, delivery.next_attempt_at) == (Status.FAILED, "用户已退订", None)


# --- inbox --------------------------------------------------------------------------

def test_read_status_set_when_opened(client, student):
    alice = student("alice")
    message = send_message(recipients=[alice], subject="审核通过", body="您的简历已审核通过。", link="/resume/")
    delivery = deliveries(message).get()
    client.force_login(alice)

    assert client.get(reverse("core:inbox_badge")).content.decode().count(">1<") == 1
    page = client.get(reverse("core:inbox"))
    assert page.status_code == 200 and "审核通过" in page.content.decode()

    response = client.get(reverse("core:inbox_message", args=[delivery.pk]))
    assert response.status_code == 200
    assert "您的简历已审核通过。" in response.content.decode()
    assert 'href="/resume/"' in response.content.decode()
    delivery.refresh_from_db()
    first_read = delivery.read_at
    assert first_read is not None

    client.get(reverse("core:inbox_message", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.read_at == first_read  # the first opening counts
    assert client.get(reverse("core:inbox_badge")).content.decode() == '<span id="inbox-badge"></span>'


def test_mark_all_read(client, student):
    alice = student("alice")
    for i in range(3):
        send_message(recipients=[alice], subject=f"通知{i}", body="")
    client.force_login(alice)
    assert client.post(reverse("core:inbox_mark_all_read")).status_code == 302
    assert not MessageDelivery.objects.filter(recipient=alice, read_at__isnull=True).exists()


def test_another_users_message_is_404(client, student):
    alice, bob = student("alice"), student("bob")
    message = send_message(recipients=[alice], subject="仅限本人", body="机密", channels=("inbox",))
    delivery = deliveries(message).get()
    client.force_login(bob)
    response = client.get(reverse("core:inbox_message", args=[delivery.pk]))
    assert response.status_code == 404
    assert "仅限本人" not in client.get(reverse("core:inbox")).content.decode()
    delivery.refresh_from_db()
    assert delivery.read_at is None


def test_email_delivery_is_not_an_inbox_item(client, student):
    alice = student("alice", email="alice@example.edu.cn")
    message = send_message(recipients=[alice], subject="仅邮件", body="", channels=("email",))
    client.force_login(alice)
    assert client.get(reverse("core:inbox_message", args=[deliveries(message).get().pk])).status_code == 404


def test_unsafe_stored_link_is_not_rendered(client, student):
    alice = student("alice")
    message = send_message(recipients=[alice], subject="通知", body="")
    Message.objects.filter(pk=message.pk).update(link="https://evil.example.com/")  # written around the service
    client.force_login(alice)
    response = client.get(reverse("core:inbox_message", args=[deliveries(message).get().pk]))
    assert "evil.example.com" not in response.content.decode()


# --- back office: 消息记录 ------------------------------------------------------------

def test_message_is_a_system_menu():
    system = registry.modules["system"]
    assert "core.message.view" in {item.code for item in system.menus}
    assert "core.message.resend" in registry.all_codes()


def test_message_records_list_and_detail(client, school_admin, student, smtp_failures,
                                         django_capture_on_commit_callbacks):
    alice = student("alice", email="alice@example.edu.cn")
    bob = student("bob")
    smtp_failures["errors"] = [smtplib.SMTPServerDisconnected("down")]
    with django_capture_on_commit_callbacks(execute=True):
        message = send_message(recipients=[alice, bob], subject="宣讲会提醒", body="明天下午两点",
                               sender=school_admin, channels=("inbox", "email"))
    MessageDelivery.objects.filter(message=message, recipient=alice, channel="inbox").update(read_at=timezone.now())
    client.force_login(school_admin)

    listing = client.get(reverse("core:message_list"))
    assert listing.status_code == 200
    row = listing.context["table"].page.object_list.data[0]
    assert (row.n_total, row.n_sent, row.n_failed, row.n_skipped, row.n_read, row.n_queued) == (4, 2, 1, 1, 1, 0)
    assert "宣讲会提醒" in listing.content.decode()

    def count(**params):
        return client.get(reverse("core:message_list"), params).context["table"].paginator.count

    assert count(status="failed") == 1 and count(channel="email") == 1 and count(q="宣讲会") == 1
    assert count(q="无此消息") == 0
    assert count(recipient="学生bob") == 1 and count(recipient="nobody") == 0

    detail = client.get(reverse("core:message_detail", args=[message.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "明天下午两点" in html and "未填写电子邮箱" in html and "SMTPServerDisconnected" in html
    assert 'id="resend-failed"' in html
    failed_only = client.get(reverse("core:message_detail", args=[message.pk]), {"status": "failed"})
    assert failed_only.context["deliveries"].paginator.count == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:message_resend", args=[message.pk]))
    assert response.status_code == 302
    email = deliveries(message, "email").get(recipient=alice)
    assert (email.status, email.attempts) == (Status.SENT, 1)
    assert [m.to for m in mail.outbox] == [["alice@example.edu.cn"]]


def test_college_admin_sees_only_messages_they_sent(client, school_admin, college_admin, student):
    alice = student("alice")
    theirs = send_message(recipients=[alice], subject="学校通知", body="", sender=school_admin)
    mine = send_message(recipients=[alice], subject="学院通知", body="", sender=college_admin)
    client.force_login(college_admin)
    listing = client.get(reverse("core:message_list"))
    assert [m.pk for m in listing.context["table"].page.object_list.data] == [mine.pk]
    assert client.get(reverse("core:message_detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("core:message_resend", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("core:message_detail", args=[mine.pk])).status_code == 200


def test_message_records_need_permission(client, student):
    admin = UserFactory(username="noperm", kind=User.Kind.COLLEGE_ADMIN)
    client.force_login(admin)
    assert client.get(reverse("core:message_list")).status_code == 403
    client.force_login(student("alice"))
    assert client.get(reverse("core:message_list")).status_code == 403
