"""The demo walk: every registered URL × every demo role × a sample of demo objects covering their
variants (tests/demowalk.py) → a GET never answers 5xx; and the form round trip (tests/formtrip.py):
every create/edit form the page shows, posted back unchanged → never 5xx, saved or refused in Chinese.

One test per route and role (`students:student_edit-college_admin`), so a failure names both and the
walk spreads over test workers.
"""

import pytest
from django.urls import reverse, reverse_lazy

from tests.demowalk import ROLES, WALKED, Unfillable, fill, log_in, use_session, walk_routes
from tests.formtrip import check_round_trip

# Routes the walk does not GET, each with the reason why. Everything else must be filled or the test fails.
EXEMPT = {}

# A 5xx that an open issue already names may be listed here while it is fixed: (route name, role or None for
# all roles) -> the issue. Empty: every 5xx fails.
KNOWN: dict = {}


DOWNLOAD_TYPES = ("spreadsheet", "excel", "pdf", "csv", "zip", "octet-stream", "msword", "wordprocessing")


def unnamed_download(response):
    kind = response.get("Content-Type", "")
    return (response.status_code == 200 and any(t in kind for t in DOWNLOAD_TYPES)
            and "filename" not in response.get("Content-Disposition", ""))


def refused_outright(response):
    """403, or sent to the login page: decided before any object is looked at."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith(LOGIN_URL))


def known(route_name, role):
    return KNOWN.get((route_name, role)) or KNOWN.get((route_name, None))


LOGIN_URL = str(reverse_lazy("accounts:login"))
ROUTES = [r for r in walk_routes() if r.name not in EXEMPT]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_route_as_role(client, demo, route, role):
    try:
        urls = [reverse(route.name, kwargs=kwargs or None) for kwargs in fill(route, demo, role)]
    except Unfillable as exc:
        pytest.fail(f"{exc} (or list the route in EXEMPT with a reason)")
    use_session(client, role, demo)
    failures, asked = [], 0
    for url in urls:
        asked += 1
        try:
            response = client.get(url)
        except Exception as exc:  # noqa: BLE001  (the test client re-raises the view's exception)
            failures.append(f"{url} -> {type(exc).__name__}: {exc}")
            continue
        if response.status_code >= 500:
            failures.append(f"{url} -> {response.status_code}")
            continue
        if refused_outright(response):
            break  # the role may not open this page at all: the other objects get the same refusal
        if unnamed_download(response):
            failures.append(f"{url}: a download without a file name (browsers save it as “download”)")
        try:
            posted, problem = check_round_trip(client, url, response, route.name)
        except Exception as exc:  # noqa: BLE001
            posted, problem = True, f"POST back unchanged {url} -> {type(exc).__name__}: {exc}"
        if problem:
            failures.append(problem)
        if posted:
            log_in(client, role, demo.users)  # the POST may have changed the session (a new password…)
    WALKED.append((route.name, role, asked))
    if failures and known(route.name, role):
        pytest.xfail(known(route.name, role))
    assert not failures, f"{role}: " + "; ".join(failures)


def test_exemptions_name_real_routes():
    names = {r.name for r in walk_routes()}
    assert set(EXEMPT) <= names
    assert {name for name, _ in KNOWN} <= names
