"""The 签到 and 报名名单 lists read their first page off an index in their default order (issue 13: without
one, PostgreSQL joined every student before sorting: 140–170 ms a page at benchmark scale, 1–9 ms with it)."""

from careers.events.models import CheckIn, Registration


def index_orders(model):
    return [tuple(index.fields) for index in model._meta.indexes]


def test_checkin_list_order_has_its_index():
    assert list(CheckIn._meta.ordering) == ["-checked_in_at", "-pk"]
    assert ("-checked_in_at", "-id") in index_orders(CheckIn)


def test_registration_list_order_has_its_index():
    assert list(Registration._meta.ordering) == ["-created_at", "-pk"]
    assert ("-created_at", "-id") in index_orders(Registration)
