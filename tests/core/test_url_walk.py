"""Menus match permissions; typed URLs without permission are refused in Chinese.

The walk of every registered URL as each role is tests/core/demo_walk/."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Every URL × every role (with every variant of the demo data) is walked by tests/core/demo_walk/, where a
# route that cannot be filled fails the suite instead of being skipped.


def test_level2_admin_sees_only_granted_menus(client, college_admin):
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    body = client.get(reverse("core:home")).content.decode()
    assert 'data-menu="students.student.view"' in body
    assert 'data-menu="accounts.user.view"' not in body
    assert 'data-menu="org.major.view"' not in body


def test_typed_url_without_permission_is_403_in_chinese(client, college_admin):
    college_admin.set_permissions([])
    college_admin.save()
    client.force_login(college_admin)
    response = client.get(reverse("org:major_list"))
    assert response.status_code == 403
    assert "权限" in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("students:student_list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
