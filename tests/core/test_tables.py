"""Shared table behaviour: an empty list says so instead of showing a bare header row."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["recruitment:matchrun_list", "recruitment:accountappeal_list",
                                  "employment:reportingwindow_list"])
def test_an_empty_list_says_there_is_nothing(client, school_admin, name):
    client.force_login(school_admin)
    html = client.get(reverse(name)).content.decode()
    assert "没有符合条件的记录" in html


def test_a_table_keeps_its_own_empty_text(client, school_admin):
    from careers.core.views.messages import MessageDeliveryTable

    assert MessageDeliveryTable([]).empty_text == "没有符合条件的投递记录"


def test_date_columns_compile_their_template_once():
    """tables2's DateTimeColumn compiled its template for every cell (careers/core/tables.py)."""
    import datetime

    import django_tables2 as tables
    from django.utils import timezone

    from careers.core.tables import compiled_template

    class Dated(tables.Table):
        when = tables.DateTimeColumn(format="Y-m-d H:i")

    at = timezone.make_aware(datetime.datetime(2027, 6, 1, 9, 30))
    before = compiled_template.cache_info()
    rows = [{"when": at} for _ in range(20)]
    cells = [row.get_cell("when") for row in Dated(rows).rows]
    after = compiled_template.cache_info()
    assert set(cells) == {"2027-06-01 09:30"}
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 19
