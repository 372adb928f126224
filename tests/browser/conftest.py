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
# axe-core is a test-only asset (assets.lock.json): injected from the vendored file, never linked by a page.
AXE = ROOT / "careers/static/vendor/axe-core/axe.min.js"
AXE_BLOCKING = ("serious", "critical")


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


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo school (students_per_year=50) on top of the session's code tables, built once per test
    process, and a snapshot of that database (tests/dbsnapshot.py) with a copy of the files it uploaded."""
    from django.test import override_settings

    from careers.accounts.models import User
    from careers.core.demo import build_demo
    from tests.dbsnapshot import Snapshot, code_tables_state

    files = tmp_path_factory.mktemp("browser-demo-files")
    built = {"media": files / "media", "private": files / "private"}
    with override_settings(MEDIA_ROOT=built["media"], PRIVATE_MEDIA_ROOT=built["private"]), \
            django_db_blocker.unblock():
        code_tables_state.restore()  # the session's code tables, nothing else (an earlier test may have flushed)
        usernames = [user.username for user in build_demo(students_per_year=50)]
        snapshot = Snapshot.take("demo")
        code_tables_state.restore()  # the rest of the session sees the code tables without the demo school
    yield {"snapshot": snapshot, "usernames": usernames, "files": built, "users": User.objects}
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def no_flush():
    """Skip the flush (a TRUNCATE of every table, ~1 s) that ends a transactional test: the next browser test
    restores its whole database from the snapshot anyway, and any other test gets the code tables back alone
    first (code_tables_state.dirty, /conftest.py's teardown hook). Asked for before transactional_db, so that it
    is still in place when that fixture's teardown runs."""
    from django.test import TransactionTestCase

    from tests.dbsnapshot import code_tables_state

    flush = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = lambda self: None
    try:
        yield
    finally:
        TransactionTestCase._fixture_teardown = flush
        code_tables_state.dirty = True


@pytest.fixture
def demo(no_flush, transactional_db, live_server, monkeypatch, settings, tmp_path, demo_snapshot):
    """The demo school, {username: user} for its accounts: the database restored from the snapshot the session
    built (~0.1 s instead of flushing, reloading the code tables and building the demo, ~5 s per test), its
    uploaded files copied under this test's own media roots."""
    from careers.accounts import views as account_views
    from tests.dbsnapshot import forget_cached_rows

    # The whole suite shares 127.0.0.1 and one cache; keep the per-IP login limit out of the way.
    monkeypatch.setattr(account_views, "LOGIN_ATTEMPTS_PER_IP_PER_MINUTE", 10_000)
    demo_snapshot["snapshot"].restore()
    forget_cached_rows()
    for name, setting in (("media", "MEDIA_ROOT"), ("private", "PRIVATE_MEDIA_ROOT")):
        target = tmp_path / f"demo-{name}"
        if demo_snapshot["files"][name].is_dir():
            shutil.copytree(demo_snapshot["files"][name], target)
        setattr(settings, setting, target)
    users = demo_snapshot["users"].filter(username__in=demo_snapshot["usernames"])
    return {user.username: user for user in users}

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

    def check_accessibility(self, context=None):
        """Run axe-core on the current page; fail on any serious or critical violation (WCAG 2 A/AA rules)."""
        if not AXE.is_file():
            pytest.fail("axe-core is missing: run `make assets` (scripts/fetch_assets.py)")
        self.settle()
        if not self.page.evaluate("() => !!window.axe"):
            # From our own static URL ('self' under the CSP; an inline copy via path= would be refused).
            self.page.add_script_tag(url=f"{self.base_url}/static/vendor/axe-core/axe.min.js")
        results = self.page.evaluate(
            """ctx => axe.run(ctx || document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a",
                   "wcag21aa", "best-practice"]}, resultTypes: ["violations"]})""", context)
        blocking = [v for v in results["violations"] if v["impact"] in AXE_BLOCKING]
        lines = [f"{v['impact']} {v['id']}: {v['help']} -> " + "; ".join(
            " ".join(node["target"]) for node in v["nodes"][:8]) for v in blocking]
        assert not blocking, f"axe on {self.page.url}:\n" + "\n".join(lines)
        return results["violations"]

    def assert_clean(self):
        self.settle()
        problems, self.problems = self.problems, []
        assert not problems, "\n".join(problems)

    def close(self):
        self.context.close()


class Clicks:
    """Counts the clicks a journey takes (navigation clicks and form submits alike)."""

    def __init__(self, b):
        self.b, self.count = b, 0

    def __call__(self, selector, navigates=True):
        self.count += 1
        self.b.settle()
        if navigates:
            with self.b.page.expect_navigation():
                self.b.page.click(selector)
        else:
            self.b.page.click(selector)


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

