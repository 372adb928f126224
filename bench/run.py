#!/usr/bin/env python
"""Run every `bench/bench_*.py` module's `run()`; each figure is one line (bench/common.py's `line`):

    bench: <name> = <value> <unit> (target <op> <value> <unit>)

with ` OVER` appended when the figure misses its target. The run starts with `bench: database = …`
(what was measured: `postgresql 15.x` or `sqlite 3.x`) and ends with `bench: figures over target = <n>`.
The targets are for PostgreSQL on a quiet 2-core machine (README, "Benchmarks").

`python bench/run.py [name ...]` runs only the named modules (e.g. `reports` for bench_reports.py);
modules run in alphabetical order unless one sets `ORDER` (default 50) to run after those it reuses.

`python bench/run.py --existing lists` runs the named modules against the database DATABASE_URL names,
as it is: no throwaway database, no migrate, no code tables loaded, nothing dropped. For a module that
builds nothing (bench_lists: every back-office page over the data the other benches left) on a kept bench
database or a copy of one, e.g.
    createdb -T test_perf lbcopy && DATABASE_URL=postgres://postgres@127.0.0.1:5432/lbcopy python bench/run.py --existing lists

Uses its own throwaway database: a temporary SQLite file, or — when DATABASE_URL is set —
a fresh `test_<name>` PostgreSQL database created and dropped around the run (real data
is never touched). Code tables are loaded from careers/codes/data.

`BENCH_KEEP_DB=1` (PostgreSQL only) keeps that database afterwards, for studying query plans at scale
with the data the benches built; it is reused (and must be dropped by hand) on the next run.
"""

import importlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(tmp):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")  # DEBUG would record every SQL query and slow the figures
    os.environ.setdefault("ALLOW_INSECURE_SECRET", "1")
    os.environ.setdefault("LOCAL_HTTP", "1")
    os.environ.setdefault("PLAIN_STATIC", "1")
    os.environ["CELERY_EAGER"] = "1"  # jobs run in-process: the figure is the work, not queueing
    os.environ["JOBS_EAGER_IN_THREAD"] = "0"  # ...and inside the request that starts them
    os.environ["FAST_PASSWORD_HASHER"] = "1"
    os.environ["MEDIA_ROOT"] = str(Path(tmp) / "media")
    postgres = bool(os.environ.get("DATABASE_URL"))
    if not postgres:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    return postgres


class OverCount:
    """sys.stdout that counts the `bench:` lines ending in ` OVER`, whichever module (or child process whose
    output a module prints) wrote them."""

    def __init__(self, stream):
        self.stream, self.pending, self.over = stream, "", 0

    def write(self, text):
        self.pending += text
        *done, self.pending = self.pending.split("\n")
        self.over += sum(1 for row in done if row.startswith("bench:") and row.rstrip().endswith(" OVER"))
        return self.stream.write(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def modules_named(names):
    """The bench modules to run, in their ORDER (default 50: after those whose data they reuse)."""
    stems = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    only = {f"bench_{name.removeprefix('bench_')}" for name in names}  # e.g. `run.py reports`
    unknown = only - set(stems)
    if unknown:
        raise SystemExit(f"no such bench module: {', '.join(sorted(unknown))}")
    modules = [importlib.import_module(f"bench.{stem}") for stem in stems if not only or stem in only]
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 50))


def settle():
    """What autovacuum does within a minute of a bulk load on a real server: VACUUM ANALYZE, so index-only
    scans and plans see the rows the previous module built. This machine's PostgreSQL runs with
    autovacuum off, which would otherwise bill heap fetches and stale statistics to the next figures."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def run_modules(modules):
    from bench.common import database_description, line

    counter = sys.stdout = OverCount(sys.stdout)
    try:
        line("database", database_description(), "")
        for module in modules:
            settle()
            module.run()
    finally:
        sys.stdout = counter.stream
        print(f"bench: figures over target = {counter.over}", flush=True)


def main():
    args = sys.argv[1:]
    existing = "--existing" in args
    names = [a for a in args if a != "--existing"]
    if existing and not (os.environ.get("DATABASE_URL") and names):
        raise SystemExit("--existing runs the named modules (e.g. `lists`) on the database DATABASE_URL names: "
                         "set both")
    tmp = tempfile.mkdtemp(prefix="careers-bench-")
    postgres = configure(tmp)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    old_name = None
    if existing:
        try:
            run_modules(modules_named(names))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    try:
        if postgres:
            real_name = connection.settings_dict["NAME"]
            keep = os.environ.get("BENCH_KEEP_DB") == "1"
            connection.creation.create_test_db(verbosity=0, autoclobber=not keep, serialize=False, keepdb=keep)
            # Only now: had creating the throwaway database failed, destroy_test_db would drop the real one.
            old_name = None if keep else real_name
        else:
            call_command("migrate", verbosity=0, interactive=False)
        from careers.codes.loader import load_published_tables

        load_published_tables()
        run_modules(modules_named(names))
    finally:
        if postgres and old_name:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
