"""The external-login hook (school SSO / WeChat QR fill it in later issues)."""

import pytest
from django.urls import reverse

from careers.accounts.models import User
from careers.accounts.providers import LoginProvider
from careers.core.models import OperationLog
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class FakeSSO(LoginProvider):
    """Vouches for the account named in ?uid= when the ticket is right (stands in for CAS)."""

    key = "fake-sso"
    label = "统一身份认证"

    def start_url(self, request):
        return "/sso-server/login?service=" + reverse("accounts:provider_callback", args=[self.key])

    def authenticate(self, request):
        if request.GET.get("ticket") != "ST-valid":
            return None
        return User.objects.filter(username=request.GET.get("uid")).first()


@pytest.fixture
def fake_sso(settings):
    settings.LOGIN_PROVIDERS = ["tests.accounts.test_providers.FakeSSO"]


def test_login_page_offers_provider(client, fake_sso):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "统一身份认证" in body
    response = client.get(reverse("accounts:provider_start", args=["fake-sso"]))
    assert response["Location"].startswith("/sso-server/login")


def test_callback_logs_in_vouched_user(client, fake_sso):
    user = UserFactory(username="sso1", permissions=["students.student.view"])
    url = reverse("accounts:provider_callback", args=["fake-sso"])
    assert client.get(url, {"ticket": "forged", "uid": "sso1"})["Location"] == reverse("accounts:login")
    assert client.get(url, {"ticket": "ST-valid", "uid": "sso1"})["Location"] == reverse("core:home")
    assert client.get(reverse("students:student_list")).status_code == 200
    assert OperationLog.objects.filter(action="login", object_id=str(user.pk)).exists()


def test_unknown_provider(client):
    assert client.get(reverse("accounts:provider_start", args=["nope"]))["Location"] == reverse("accounts:login")
