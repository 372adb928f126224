"""Capped counting (core/pagination.py): every ObjectListView counts at most COUNT_CAP rows, exactly on demand."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core import pagination
from careers.core.pagination import CappedPaginator
from careers.students.models import Student
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def test_paginator_caps_the_count_and_counts_exactly_beyond_it(org):
    StudentFactory(major=org["majors"]["a1"])  # 5 students
    paginator = CappedPaginator(Student.objects.order_by("pk"), 2, cap=3)
    assert (paginator.count, paginator.capped, paginator.display_count, paginator.num_pages) == (3, True, "3+", 2)
    last = paginator.page(2)
    assert last.has_next() and last.next_page_number() == 3  # more rows exist beyond the cap
    beyond = paginator.page(3)  # asking for a page past the cap counts exactly
    assert (paginator.count, paginator.capped, paginator.num_pages) == (5, False, 3)
    assert len(beyond.object_list) == 1 and not beyond.has_next()


def test_paginator_under_the_cap_is_exact(org):
    paginator = CappedPaginator(Student.objects.order_by("pk"), 2, cap=10)
    assert (paginator.count, paginator.capped, paginator.display_count) == (4, False, "4")
    exact = CappedPaginator(Student.objects.order_by("pk"), 2, cap=3, exact=True)
    assert (exact.count, exact.capped) == (4, False)


def test_capped_count_costs_one_query_without_ordering(org):
    paginator = CappedPaginator(Student.objects.order_by("student_number"), 2, cap=3)
    with CaptureQueriesContext(connection) as ctx:
        assert paginator.count == 3
    assert len(ctx) == 1
    sql = ctx.captured_queries[0]["sql"].upper()
    assert "LIMIT 4" in sql and "ORDER BY" not in sql


def test_list_page_says_cap_plus_with_an_exact_count_link(client, school_admin, org, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    client.force_login(school_admin)
    url = reverse("students:student_list")
    body = client.get(url, {"graduation_year": ""}).content.decode()
    assert "<strong data-total>3+</strong>" in body
    assert "精确计数" in body and "exact_count=1" in body
    body = client.get(url, {"graduation_year": "", "exact_count": "1"}).content.decode()
    assert "<strong data-total>4</strong>" in body and "精确计数" not in body
    monkeypatch.setattr(pagination, "COUNT_CAP", 10_000)
    body = client.get(url, {"graduation_year": ""}).content.decode()
    assert "<strong data-total>4</strong>" in body and "精确计数" not in body


@pytest.mark.parametrize("name", ["employment:dispatchrecord_list", "employment:employmentrecord_list",
                                  "employment:unemployed_list"])
def test_record_lists_are_capped_too(client, school_admin, org, monkeypatch, name):
    monkeypatch.setattr(pagination, "COUNT_CAP", 1)
    client.force_login(school_admin)
    params = {"graduation_year": ""} if name == "employment:unemployed_list" else {"student__graduation_year": ""}
    body = client.get(reverse(name), params).content.decode()
    assert "<strong data-total>1+</strong>" in body and "精确计数" in body
