"""axe-core is a test-only asset (assets.lock.json -> careers/static/vendor/axe-core, injected by the browser
tests): no production template, script or stylesheet may load it."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_REFERENCE = re.compile(r"axe-core|axe(\.min)?\.js", re.IGNORECASE)


def production_sources():
    careers = ROOT / "careers"
    yield from careers.rglob("*.html")
    yield from careers.rglob("*.py")
    for static in (careers / "static/js", careers / "static/css"):
        yield from static.rglob("*.*")


def test_no_production_file_references_axe():
    found = [str(p.relative_to(ROOT)) for p in production_sources()
             if AXE_REFERENCE.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert not found, f"axe-core is for the browser tests only, yet referenced in: {found}"


def test_axe_is_pinned_with_sha512_in_the_asset_lock():
    lock = json.loads((ROOT / "assets.lock.json").read_text(encoding="utf-8"))
    axe = next(p for p in lock["packages"] if p["name"] == "axe-core")
    assert axe["integrity"].startswith("sha512-")
    assert "axe.min.js" in axe["files"] and axe["target"] == "careers/static/vendor/axe-core"
