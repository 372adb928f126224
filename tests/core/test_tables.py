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
