"""The public recruitment pages are reachable without knowing their addresses: from the login page and the site bar."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_links_to_jobs_registration_and_appeal(client):
    html = client.get(reverse("accounts:login")).content.decode()
    for name in ("site:job_list", "company:register", "company:appeal"):
        assert f'href="{reverse(name)}"' in html


def test_public_pages_show_registration_and_appeal_to_visitors(client):
    html = client.get(reverse("site:job_list")).content.decode()
    assert f'href="{reverse("company:register")}"' in html and f'href="{reverse("company:appeal")}"' in html
