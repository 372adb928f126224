"""Content-Security-Policy: enforced on every HTML page; templates hold no inline handlers or
un-nonced inline scripts/styles (the browser tests check the policy in Chromium)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(ROOT.glob("careers/**/templates/**/*.html"))
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
BARE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
BARE_STYLE = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I)


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


def test_policy_on_html_pages(client, school_admin):
    client.force_login(school_admin)
    response = client.get(reverse("core:home"), follow=True)
    header = response["Content-Security-Policy"]
    policy = directives(header)
    nonce = re.search(r"'nonce-([^']+)'", header).group(1)
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["default-src"] == ["'self'"]
    assert not any("http" in v or v == "*" or v == "'unsafe-eval'" for values in policy.values() for v in values)
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    body = response.content.decode()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body)
    assert scripts and all(f'nonce="{nonce}"' in attrs or "application/json" in attrs for attrs in scripts)
    assert "Content-Security-Policy-Report-Only" not in response


def test_each_request_gets_its_own_nonce(client, db):  # db: the login page asks whether 微信扫码登录 is set up
    first = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    second = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert first != second


def test_anonymous_error_pages_have_it(client, db):
    assert "Content-Security-Policy" in client.get("/no-such-page/")


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_code_the_policy_would_block(path):
    source = path.read_text(encoding="utf-8")
    assert not INLINE_HANDLER.search(source), "inline on*= handler: use a data- attribute and careers.js"
    assert not BARE_SCRIPT.search(source), "inline <script> without nonce=\"{{ csp_nonce }}\""
    assert not BARE_STYLE.search(source), "inline <style> without nonce=\"{{ csp_nonce }}\""
    assert "javascript:" not in source.lower()
    assert "keyup[" not in source and "hx-on" not in source  # htmx would need eval
