"""What the bench modules share: the output line, the database described, and bulk-built admitted employers."""

import re

# `(target <= 150 ms)` given as one string (the older form): its operator, number and unit
TARGET_TEXT = re.compile(r"^\s*(<=|>=|=|<|>)\s*([-+]?\d+(?:\.\d+)?)\s*(.*?)\s*$")


def over_target(value, target, op="<="):
    """Whether `value` misses `target` under `op` (<=, <, >=, >, =); False when either is not a number."""
    try:
        value, target = float(value), float(target)
    except (TypeError, ValueError):
        return False
    return {"<=": value > target, "<": value >= target, ">=": value < target, ">": value <= target,
            "=": value != target}[op]


def format_line(name, value, unit, target=None, op="<=", note=None, failed=False):
    """`bench: <name> = <value> <unit> (target <op> <target> <unit>)`, plus ` OVER` when the figure misses
    its target (or `failed`: no figure could be taken). `target` is a number, or a string such as "<= 3 s"
    (its operator and unit then win); `note` goes in parentheses after the value (which route was slowest)."""
    target_unit = unit
    if isinstance(target, str):
        match = TARGET_TEXT.match(target)
        if match is None:
            raise ValueError(f"bench target {target!r}: expected e.g. '<= 150 ms'")
        op, target, target_unit = match.group(1), match.group(2), match.group(3) or unit
    text = f"bench: {name} = {f'{value} {unit}'.strip()}"
    if note:
        text += f" ({note})"
    if target is not None:
        text += f" (target {op} {f'{target} {target_unit}'.strip()})"
    if failed or (target is not None and over_target(value, target, op)):
        text += " OVER"
    return text


def line(name, value, unit, target=None, op="<=", note=None, failed=False):
    """Print one figure in the one format `make bench` prints (see format_line)."""
    print(format_line(name, value, unit, target, op, note, failed), flush=True)


def database_url():
    """The URL of the database this process measures, for a child process to use the same one."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def in_fresh_process(module, call, timeout=1200):
    """Run `from bench.<module> import …; <call>` in a fresh Python process on the same database and return
    its output: timed like a server worker, which does not carry the millions of objects a bench built
    (their garbage collection would otherwise be billed to the figures)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    function = call.split("(", 1)[0]
    code = f"import sys; sys.path.insert(0, {str(root)!r}); from bench.{module} import {function}; {call}"
    env = {**os.environ, "DATABASE_URL": database_url()}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        print(done.stdout, end="", flush=True)
        raise AssertionError(done.stderr[-3000:])
    return done.stdout


def peak_memory_mb():
    """This process's own peak resident memory in MB.

    /proc/self/status VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across exec, so a child
    started by subprocess (vfork + exec) reports its parent's peak when that was higher — the bench process
    that had built millions of rows, not the export being measured (a 192 MB export read as 302 MB)."""
    try:
        with open("/proc/self/status") as status:
            for entry in status:
                if entry.startswith("VmHWM:"):
                    return int(entry.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: the best there is


def database_description():
    """`postgresql 15.4` or `sqlite 3.40.1`: what the figures were measured on."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        return f"postgresql {version}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"sqlite {sqlite3.sqlite_version}"
    return connection.vendor


def admitted_employers(count, *, name, fields=None):
    """`count` admitted employers with employer accounts, inserted in bulk (fast_insert).

    Usernames, credit codes, name keys and phones continue from the employers already in the database, so
    several bench modules can build units in the same run. `name(i)` gives each unit's name; `fields(i)`
    may override any Employer field (region, industry, admitted_at …); codes default to the first of each
    table."""
    from django.utils import timezone

    from careers.accounts.models import User
    from careers.codes.models import Code
    from careers.core.bulk import fast_insert
    from careers.recruitment.models import Employer

    if not Code.objects.of("region").exists():
        from careers.codes.loader import load_regions

        load_regions()
    base = Employer.objects.count()
    now = timezone.now()
    defaults = {"region_id": Code.objects.of("region").filter(level=3).values_list("pk", flat=True).first(),
                "industry_id": Code.objects.of("industry").values_list("pk", flat=True).first(),
                "nature_id": Code.objects.of("employer_nature").values_list("pk", flat=True).first(),
                "size": "150-500", "address": "某路1号", "contact_person": "王经理", "review_status": "approved",
                "admitted_at": now, "reviewed_at": now, "submitted_at": now}
    users = fast_insert(User, [User(username=f"bench-unit-{base + i:07d}", kind=User.Kind.EMPLOYER,
                                    name=f"单位账号{base + i}", password="!", is_active=True) for i in range(count)])
    return fast_insert(Employer, [Employer(
        user=user, name=name(i), name_key=f"bench-unit-{base + i}", credit_code=f"9199{base + i:014d}",
        phone=f"13{base + i:09d}", email=f"hr{base + i}@example.com", **{**defaults, **(fields(i) if fields else {})})
        for i, user in enumerate(users)])
