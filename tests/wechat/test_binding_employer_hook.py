"""The 用人单位管理 list's WeChat indicator: the real binding, loaded with the list (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.recruitment.employers import hooks
from careers.wechat.binding import actions
from careers.wechat.binding.models import BindingSource
from tests.factories import EmployerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def test_hook_returns_the_binding():
    bound, unbound = EmployerFactory(), EmployerFactory()
    binding = actions.bind(bound.user, "o_unit", source=BindingSource.QR)
    assert hooks.wechat_binding(bound) == binding
    assert hooks.wechat_binding(unbound) is None


def test_list_indicator_without_a_query_per_row(client, school_admin):
    units = [EmployerFactory() for _ in range(3)]
    actions.bind(units[0].user, "o_unit_0", source=BindingSource.QR)
    client.force_login(school_admin)
    url = reverse("recruitment:employer_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        body = client.get(url).content.decode()
    assert body.count('data-indicator="wechat"') == 1 and body.count('data-indicator="no-wechat"') == 2
    for n in range(1, 3):
        actions.bind(units[n].user, f"o_unit_{n}", source=BindingSource.QR)
    for _ in range(4):
        EmployerFactory()
    with CaptureQueriesContext(connection) as more:
        body = client.get(url).content.decode()
    assert body.count('data-indicator="wechat"') == 3
    assert len(more) == len(few)
