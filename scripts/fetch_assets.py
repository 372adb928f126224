#!/usr/bin/env python3
"""Fetch pinned npm tarballs and extract vendored files (stdlib only, no npm needed).

Reads ``assets.lock.json`` at the repository root. For each package it:

1. downloads ``<registry>/<name>/-/<basename>-<version>.tgz`` (registry from the
   ``NPM_REGISTRY`` environment variable, default https://registry.npmjs.org/)
   into ``.cache/npm/`` unless a cached copy with the right hash is present;
2. verifies the tarball against the pinned sha512 ``integrity`` (the value npm
   publishes as ``dist.integrity``); a mismatch is fatal;
3. extracts the listed files (fnmatch globs, relative to the tarball's
   ``package/`` folder) into ``target``, dropping the ``strip`` prefix;
4. writes ``target/.fetch-stamp.json``; the next run skips a package whose stamp
   matches its lock entry and whose files all exist, so a repeat run makes no
   network request.

Usage: python3 scripts/fetch_assets.py [--force] [--offline] [--quiet]
Exit status is non-zero on any download, integrity or extraction error.
"""
from __future__ import annotations

import argparse
import base64
import fnmatch
import hashlib
import io
import json
import os
import posixpath
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK_FILE = ROOT / "assets.lock.json"
CACHE_DIR = ROOT / ".cache" / "npm"
STAMP_NAME = ".fetch-stamp.json"
DEFAULT_REGISTRY = "https://registry.npmjs.org/"
RETRIES = 3
TIMEOUT = 120


class FetchError(RuntimeError):
    pass


def log(msg: str, quiet: bool = False) -> None:
    if not quiet:
        print(msg, flush=True)


def registry_base() -> str:
    base = os.environ.get("NPM_REGISTRY", "").strip() or DEFAULT_REGISTRY
    return base if base.endswith("/") else base + "/"


def tarball_url(name: str, version: str) -> str:
    # Scoped packages: @scope/pkg -> @scope/pkg/-/pkg-1.0.0.tgz
    basename = name.split("/")[-1]
    return f"{registry_base()}{name}/-/{basename}-{version}.tgz"


def cache_path(name: str, version: str) -> Path:
    return CACHE_DIR / f"{name.replace('/', '+')}-{version}.tgz"


def parse_integrity(integrity: str) -> tuple[str, bytes]:
    """Return (algorithm, digest) for the strongest entry of an SRI string."""
    best = None
    for token in integrity.split():
        algo, _, b64 = token.partition("-")
        if algo in ("sha512", "sha384", "sha256", "sha1") and b64:
            rank = ("sha1", "sha256", "sha384", "sha512").index(algo)
            if best is None or rank > best[0]:
                best = (rank, algo, base64.b64decode(b64))
    if best is None:
        raise FetchError(f"unsupported integrity value: {integrity!r}")
    if best[1] != "sha512":
        raise FetchError(f"integrity must be sha512 (got {best[1]})")
    return best[1], best[2]


def verify(data: bytes, integrity: str) -> bool:
    algo, digest = parse_integrity(integrity)
    return hashlib.new(algo, data).digest() == digest


def download(url: str) -> bytes:
    last: Exception | None = None
    for attempt in range(1, RETRIES + 1):
        try:
            req = urllib.request.Request(url, headers={"User-Agent": "campus-careers-fetch-assets/1"})
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                return resp.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            last = exc
            if isinstance(exc, urllib.error.HTTPError) and 400 <= exc.code < 500:
                break  # a definite "no": do not retry
            time.sleep(2 * attempt)
    raise FetchError(f"download failed: {url}: {last}")


def get_tarball(pkg: dict, offline: bool, quiet: bool) -> bytes:
    name, version, integrity = pkg["name"], pkg["version"], pkg["integrity"]
    path = cache_path(name, version)
    if path.exists():
        data = path.read_bytes()
        if verify(data, integrity):
            return data
        log(f"  cached {path.name} fails integrity check; re-downloading", quiet)
        path.unlink()
    if offline:
        raise FetchError(f"{name}@{version}: not in cache and --offline given")
    url = tarball_url(name, version)
    log(f"  downloading {url}", quiet)
    data = download(url)
    if not verify(data, integrity):
        raise FetchError(f"{name}@{version}: integrity mismatch for {url}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return data


def select_members(tar: tarfile.TarFile, patterns: list[str]) -> list[tuple[tarfile.TarInfo, str]]:
    chosen: list[tuple[tarfile.TarInfo, str]] = []
    matched = {p: False for p in patterns}
    for member in tar.getmembers():
        if not member.isfile():
            continue
        # npm tarballs put everything under one top folder (usually "package/").
        parts = member.name.split("/", 1)
        if len(parts) != 2:
            continue
        rel = posixpath.normpath(parts[1])
        if rel.startswith("../") or rel.startswith("/"):
            continue
        for pat in patterns:
            if fnmatch.fnmatchcase(rel, pat):
                matched[pat] = True
                chosen.append((member, rel))
                break
    missing = [p for p, ok in matched.items() if not ok]
    if missing:
        raise FetchError(f"no file in tarball matches: {', '.join(missing)}")
    return chosen


def out_rel(rel: str, strip: str) -> str:
    if strip and rel.startswith(strip):
        return rel[len(strip):]
    return rel


def stamp_for(pkg: dict, files: list[str]) -> dict:
    return {
        "name": pkg["name"],
        "version": pkg["version"],
        "integrity": pkg["integrity"],
        "strip": pkg.get("strip", ""),
        "patterns": list(pkg["files"]),
        "files": sorted(files),
    }


def is_current(pkg: dict, target: Path) -> bool:
    stamp_file = target / STAMP_NAME
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    expected = {k: v for k, v in stamp_for(pkg, []).items() if k != "files"}
    if any(stamp.get(k) != v for k, v in expected.items()):
        return False
    files = stamp.get("files") or []
    return bool(files) and all((target / f).is_file() for f in files)


def install(pkg: dict, force: bool, offline: bool, quiet: bool) -> bool:
    """Install one package; return True if anything was (re)written."""
    target = ROOT / pkg["target"]
    label = f"{pkg['name']}@{pkg['version']}"
    if not force and is_current(pkg, target):
        log(f"ok       {label} -> {pkg['target']} (up to date)", quiet)
        return False
    log(f"install  {label} -> {pkg['target']}", quiet)
    data = get_tarball(pkg, offline, quiet)
    written: list[str] = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member, rel in select_members(tar, pkg["files"]):
            dest_rel = out_rel(rel, pkg.get("strip", ""))
            dest = (target / dest_rel).resolve()
            if target.resolve() not in dest.parents:
                raise FetchError(f"{label}: refusing to write outside target: {dest_rel}")
            src = tar.extractfile(member)
            if src is None:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(dest.name + ".part")
            with open(tmp, "wb") as fh:
                fh.write(src.read())
            os.replace(tmp, dest)
            written.append(dest_rel)
    (target / STAMP_NAME).write_text(
        json.dumps(stamp_for(pkg, written), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    log(f"         {len(written)} file(s) written", quiet)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="re-extract even when the stamp matches")
    ap.add_argument("--offline", action="store_true", help="use only .cache/npm; never download")
    ap.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    ap.add_argument("--lock", default=str(LOCK_FILE), help="lock file (default: assets.lock.json)")
    args = ap.parse_args(argv)

    lock = json.loads(Path(args.lock).read_text(encoding="utf-8"))
    failures = 0
    for pkg in lock["packages"]:
        try:
            install(pkg, args.force, args.offline, args.quiet)
        except (FetchError, tarfile.TarError, OSError) as exc:
            failures += 1
            print(f"ERROR    {pkg.get('name')}@{pkg.get('version')}: {exc}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
