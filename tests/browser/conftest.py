"""Browser fixtures: one Debian chromium per session, a fresh context per test.

Playwright's sync API runs an asyncio loop in the test thread; Django would then refuse
ORM calls from that thread, hence DJANGO_ALLOW_ASYNC_UNSAFE (test-only).
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip("chromium is not installed (make browser)")
    if not (ROOT / "careers/static/vendor/bootstrap").is_dir():
        pytest.fail("careers/static/vendor is missing: run `make assets` (scripts/fetch_assets.py)")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module", autouse=True)
def _restore_code_tables(django_db_blocker):
    """Transactional tests flush the database afterwards; put back what the session fixture
    (django_db_setup in /conftest.py) loaded, so tests that run after this module still find it."""
    yield
    from careers.codes.loader import load_published_tables, load_regions

    with django_db_blocker.unblock():
        load_published_tables()
        load_regions()


@pytest.fixture
def demo(transactional_db, live_server, monkeypatch):
    """Code tables + a small demo school. Transactional tests flush the DB afterwards, so reload each time."""
    from careers.accounts import views as account_views
    from careers.codes.data import iter_csv
    from careers.codes.loader import CSV_TABLES, load_rows
    from careers.core.demo import build_demo

    # The whole suite shares 127.0.0.1 and one cache; keep the per-IP login limit out of the way.
    monkeypatch.setattr(account_views, "LOGIN_ATTEMPTS_PER_IP_PER_MINUTE", 10_000)
    # load_published_tables() minus the three major catalogues (~1,950 rows, ~1.5 s per test),
    # which no page visited here needs.
    for kind, name, csv_name in CSV_TABLES:
        if not kind.startswith("major_catalogue"):
            load_rows(kind, name, iter_csv(csv_name), source="careers/codes/data/SOURCES.md")
    accounts = build_demo(students_per_year=50)
    return {user.username: user for user in accounts}

# Counts XMLHttpRequests in flight (htmx uses XHR); `loadend` comes after htmx's swap in `onload`.
XHR_COUNTER = """
(() => {
  let pending = 0;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    pending++;
    this.addEventListener("loadend", () => setTimeout(() => { pending--; }, 0));
    return send.apply(this, args);
  };
  Object.defineProperty(window, "__xhrPending", { get: () => pending });
})();
"""

# Every Content-Security-Policy violation (enforced: the page lost a script or a style) is
# logged as a console error with this prefix, so the test fails even where Chromium would
# only report it to the policy's endpoint.
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Browse:
    """A page on the live server that records console errors and failed static requests."""

    def __init__(self, browser, base_url, viewport):
        self.base_url = base_url
        # Reduced motion: charts render without their grow-in animation, so screenshots show final values.
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai",
                                           reduced_motion="reduce")
        self.context.set_default_timeout(10_000)
        self.context.add_init_script(XHR_COUNTER)
        self.context.add_init_script(CSP_WATCH)
        self.page = self.context.new_page()
        self.problems = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("response", self._response)
        self.page.on("requestfailed", lambda req: self.problems.append(f"request failed: {req.url} {req.failure}"))

    def _console(self, msg):
        if msg.type == "error" or "Content Security Policy" in msg.text or "CSP violation" in msg.text:
            self.problems.append(f"console {msg.type}: {msg.text} ({msg.location.get('url', '')})")

    def _response(self, response):
        if "/static/" in response.url and response.status >= 400:
            self.problems.append(f"static {response.status}: {response.url}")
        if response.request.resource_type == "document" and response.url.startswith(self.base_url) and \
                response.status < 300 and response.headers.get("content-type", "").startswith("text/html") and \
                "content-security-policy" not in response.headers:
            self.problems.append(f"no Content-Security-Policy on {response.url}")

    def goto(self, path, status=200):
        if self.page.url.startswith(self.base_url):
            self.settle()  # leaving while a fragment (e.g. the inbox badge) loads would abort it
        response = self.page.goto(self.base_url + path)
        assert response.status == status, f"{path}: HTTP {response.status}"
        if status >= 400:
            self.expect_error_status(status)
        return response

    def expect_error_status(self, status):
        """Chromium logs every 4xx/5xx document as a console error; drop the one we asked for."""
        self.problems = [p for p in self.problems if f"status of {status} " not in p]

    def login(self, username, password):
        self.goto("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.settle()
        with self.page.expect_navigation():
            self.page.click("button[type=submit]")

    def logout(self):
        self.settle()
        self.page.evaluate("document.getElementById('logout').form.submit()")
        self.page.wait_for_url("**/accounts/login/")

    def menus(self):
        return set(self.page.locator("#sidebar [data-menu]").evaluate_all("els => els.map(e => e.dataset.menu)"))

    def settle(self):
        """Wait until the page is loaded and no XHR (htmx fragment, e.g. the inbox badge) is in flight."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_function("() => window.__xhrPending === 0", timeout=5_000)

    def shot(self, name):
        self.settle()
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def assert_clean(self):
        self.settle()
        problems, self.problems = self.problems, []
        assert not problems, "\n".join(problems)

    def close(self):
        self.context.close()


@pytest.fixture
def browse(browser, live_server, demo):
    """browse() -> a desktop Browse; browse(phone=True) -> a 390x844 one. Checked for errors at teardown."""
    opened = []

    def open_page(phone=False):
        b = Browse(browser, live_server.url, PHONE if phone else DESKTOP)
        opened.append(b)
        return b

    yield open_page
    problems = [p for b in opened for p in b.problems]
    for b in opened:
        b.close()
    assert not problems, "\n".join(problems)

