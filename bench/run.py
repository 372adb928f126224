#!/usr/bin/env python
"""Run every `bench/bench_*.py` module's `run()`; each prints `bench: <name> = <seconds> s (target <= N s)`.

`python bench/run.py [name ...]` runs only the named modules (e.g. `reports` for bench_reports.py);
modules run in alphabetical order unless one sets `ORDER` (default 50) to run after those it reuses.

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


def main():
    tmp = tempfile.mkdtemp(prefix="careers-bench-")
    postgres = configure(tmp)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    old_name = None
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
        names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
        only = {f"bench_{name.removeprefix('bench_')}" for name in sys.argv[1:]}  # e.g. `run.py reports`
        modules = [importlib.import_module(f"bench.{name}") for name in names if not only or name in only]
        # a module may set ORDER (default 50) to run after the ones whose data it reuses
        for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 50)):
            module.run()
    finally:
        if postgres and old_name:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
