"""Walk every registered URL as each role: no 5xx, and menus match permissions."""

import pytest
from django.urls import reverse

from careers.accounts.models import User
from tests.factories import UserFactory
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db

SKIP = {"accounts:logout"}  # POST-only, covered in test_accounts


@pytest.fixture
def roles(school_admin, college_admin, org):
    counselor = UserFactory(username="counsel1", kind=User.Kind.COUNSELOR, permissions=["students.student.view"])
    counselor.managed_majors.set([org["majors"]["a1"]])
    student = UserFactory(username="stud1", kind=User.Kind.STUDENT)
    employer = UserFactory(username="emp1", kind=User.Kind.EMPLOYER)
    nobody = UserFactory(username="none1", permissions=[])
    return {"school_admin": school_admin, "college_admin": college_admin, "counselor": counselor,
            "student": student, "employer": employer, "no_permission": nobody, "anonymous": None}


def sample_kwargs(route, org, users):
    if not route.needs_pk:
        return {}
    model = route.model
    if model is None:
        if route.name.startswith("accounts:user_") or route.name.startswith("accounts:roletemplate_"):
            return {"pk": users["college_admin"].pk} if "user" in route.name else None
        return None
    obj = model._default_manager.order_by("pk").first()
    return {"pk": obj.pk} if obj else None


def test_every_url_as_every_role_has_no_server_error(client, roles, org):
    from careers.accounts.models import RoleTemplate
    from careers.core.history import log_event

    RoleTemplate.objects.create(name="模板", permissions=["students.student.view"])
    log_event("other", module="test", message="walk", user=roles["school_admin"])
    checked = 0
    for route in iter_routes():
        if route.name in SKIP or route.other_params:
            continue
        kwargs = sample_kwargs(route, org, roles)
        if kwargs is None:
            continue
        url = reverse(route.name, kwargs=kwargs or None)
        for role, user in roles.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            assert response.status_code < 500, f"{role} GET {url} -> {response.status_code}"
            checked += 1
    assert checked > 100


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
