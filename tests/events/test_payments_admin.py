"""参会费用 back office: the order list (filters, bounded queries, export), the order page, 确认收款,
退回凭证, 退款, 关闭 — each with its permission; the unit is told."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core.models import Message
from careers.events.payments import actions
from careers.events.models import OrderStatus
from tests.events.participants_support import _private_media, employer, fair, participation  # noqa: F401
from tests.factories import ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(participation):
    order = actions.create_order(participation).order
    actions.upload_proof(order, b"%PDF-1.4 proof", "pdf")
    return order


@pytest.fixture
def admin_client(client, school_admin):
    client.force_login(school_admin)
    return client


def test_order_list_filters_and_bounded_queries(admin_client, fair, order):
    url = reverse("events:order_list")
    page = admin_client.get(url, {"proof": "waiting"}).content.decode()
    assert order.number in page and "参会费用" in page
    assert order.number not in admin_client.get(url, {"status": "paid"}).content.decode()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(url, {"per_page": 200}).status_code == 200
        return len(ctx)

    count()
    before = count()
    for _ in range(15):
        actions.create_order(ParticipationFactory(fair=fair, amount_due=800))
    assert count() == before


def test_order_export(admin_client, order):
    response = admin_client.get(reverse("events:order_export"))
    assert response.status_code == 200


def test_confirm_payment_tells_the_unit(admin_client, order):
    page = admin_client.get(reverse("events:order_detail", args=[order.pk])).content.decode()
    assert "确认收款" in page and "退回凭证" in page
    assert admin_client.get(reverse("events:order_proof", args=[order.pk])).status_code == 200
    response = admin_client.post(reverse("events:order_confirm", args=[order.pk]), {"transaction_id": "BANK9"},
                                 follow=True)
    assert "已确认收款" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.transaction_id == "BANK9"
    assert Message.objects.filter(subject="参会费用已确认收款").exists()
    again = admin_client.post(reverse("events:order_confirm", args=[order.pk]), follow=True).content.decode()
    assert "未重复确认" in again


def test_reject_proof_needs_a_reason_and_tells_the_unit(admin_client, order):
    url = reverse("events:order_reject_proof", args=[order.pk])
    assert "请填写凭证不通过的原因" in admin_client.post(url, {"reason": ""}).content.decode()
    admin_client.post(url, {"reason": "金额与应缴不符"})
    order.refresh_from_db()
    assert order.proof_note == "金额与应缴不符" and order.status == OrderStatus.UNPAID
    assert Message.objects.filter(subject="参会费用转账凭证未通过").exists()


def test_refund_and_close(admin_client, order, participation):
    page = admin_client.post(reverse("events:order_refund", args=[order.pk]), {"reason": "取消"}, follow=True)
    assert "不能退款" in page.content.decode()
    actions.mark_paid(order)
    admin_client.post(reverse("events:order_refund", args=[order.pk]), {"reason": "招聘会取消"})
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    other = actions.create_order(participation).order
    admin_client.post(reverse("events:order_close", args=[other.pk]))
    other.refresh_from_db()
    assert other.status == OrderStatus.CLOSED


def test_moves_need_their_permission(client, order):
    viewer = UserFactory(permissions=["events.order.view"])
    client.force_login(viewer)
    assert client.get(reverse("events:order_detail", args=[order.pk])).status_code == 200
    assert client.post(reverse("events:order_confirm", args=[order.pk])).status_code == 403
    assert client.post(reverse("events:order_refund", args=[order.pk]), {"reason": "x"}).status_code == 403
    assert client.get(reverse("events:order_export")).status_code == 403
    order.refresh_from_db()
    assert order.status == OrderStatus.UNPAID
    client.force_login(UserFactory(permissions=[]))
    assert client.get(reverse("events:order_list")).status_code == 403
