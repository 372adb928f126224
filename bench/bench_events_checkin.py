"""签到设备接口 under load (issue 6: ≥ 100 check-ins per second, 0 duplicates).

Seeds a talk happening now with 1,000 registered students and 16 scanner devices in the bench's
PostgreSQL database (bench/run.py creates `test_<name>` when DATABASE_URL is set), starts gunicorn
with 2 workers on 127.0.0.1 against that database, then scans every one of the 1,000 codes twice —
both copies shuffled into one queue and sent concurrently by 16 threads (one device and one
keep-alive requests.Session each), so the two scans of a student race each other on different
devices and workers. Each scan is one full API call (token check, student lookup, registration
check, idempotent insert, scan log).

Prints the scans handled per second and the number of students with more than one check-in, and
checks every student got exactly one `checked_in` answer and one `already`.
"""

ORDER = 90

import datetime
import os
import queue
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import line

STUDENTS = 1000
THREADS = 16
TARGET_RATE = 100
ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed():
    from django.utils import timezone

    from careers.accounts.models import User
    from careers.codes.models import Code
    from careers.core.bulk import fast_insert
    from careers.events.checkin.devices import hash_token
    from careers.events.models import CheckinDevice, Registration, Talk, Venue
    from careers.org.models import Campus, College, Major
    from careers.students.models import Student

    now = timezone.now()
    college = College.objects.create(name="签到压测学院", code="CK99")
    major = Major.objects.create(college=college, name="签到压测专业", major_code="080901",
                                 campus=Campus.objects.get_or_create(name="签到压测校区")[0],
                                 education_level=Code.objects.of("education_level").first(),
                                 duration=Code.objects.of("duration").first(),
                                 discipline=Code.objects.of("discipline").first())
    status = Code.objects.of("enrolment_status").first()
    students = fast_insert(Student, [Student(
        student_number=f"CK{i:08d}", name=f"压测学生{i}", gender="1", id_number=f"CKID{i:014d}",
        enrolment_year=2023, graduation_year=2027, major=major, enrolment_status=status)
        for i in range(STUDENTS)])
    venue = Venue.objects.create(name="签到压测报告厅", capacity=2000)
    talk = Talk.objects.create(title="签到压测宣讲会", starts_at=now - datetime.timedelta(minutes=30),
                               ends_at=now + datetime.timedelta(hours=3), venue=venue, status="approved",
                               registration_required=True, capacity=2000)
    fast_insert(Registration, [Registration(talk=talk, student=s) for s in students])
    tokens = [f"bench-device-token-{i:02d}" for i in range(THREADS)]
    owner, _ = User.objects.get_or_create(username="bench-checkin-admin",
                                          defaults={"name": "压测管理员", "kind": User.Kind.SCHOOL_ADMIN})
    CheckinDevice.objects.bulk_create([CheckinDevice(name=f"压测扫码枪{i}", token_prefix=t[:8], token_hash=hash_token(t),
                                                     created_by=owner)  # a device names students in its owner's scope
                                       for i, t in enumerate(tokens)])
    return talk, [s.student_number for s in students], tokens


def start_server(port):
    from django.db import connection

    settings = connection.settings_dict
    url = (f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}@{settings['HOST'] or '127.0.0.1'}:"
           f"{settings['PORT'] or 5432}/{settings['NAME']}")
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "0", "ALLOW_INSECURE_SECRET": "1", "LOCAL_HTTP": "1",
           "PLAIN_STATIC": "1", "DJANGO_SETTINGS_MODULE": "config.settings", "DB_CONN_MAX_AGE": "600"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen([str(gunicorn), "config.wsgi:application", "--workers", "2", "--threads", os.environ.get("BENCH_CHECKIN_THREADS", "4"), "--bind",
                                f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL)
    import requests

    # Each worker's first request imports every URL module (a few seconds): warm both before timing.
    deadline = time.monotonic() + 90
    warm = 0
    while time.monotonic() < deadline and warm < 6:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/checkin/openapi.json", timeout=30).status_code == 200:
                warm += 1
        except requests.RequestException:
            time.sleep(0.3)
    if warm < 6:
        process.terminate()
        process.wait(timeout=30)
        raise RuntimeError("gunicorn did not answer within 90 s")
    return process


def worker_cpu_seconds(master):
    """User+system CPU of gunicorn's worker processes so far (Linux /proc)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # ppid
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def scan_all(port, talk, codes, tokens):
    import requests

    work = queue.Queue()
    for code in random.Random(6).sample(codes * 2, len(codes) * 2):
        work.put(code)
    answers, failures = [], []
    url = f"http://127.0.0.1:{port}/api/checkin/events/talk/{talk.pk}/scans"

    def worker(token):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        mine = []
        while True:
            try:
                code = work.get_nowait()
            except queue.Empty:
                break
            response = session.post(url, json={"code": code}, timeout=30)
            if response.status_code != 200:
                failures.append((code, response.status_code, response.text[:200]))
                continue
            mine.append((code, response.json()["status"]))
        answers.extend(mine)

    threads = [threading.Thread(target=worker, args=(token,)) for token in tokens]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, failures, time.perf_counter() - started


def run():
    from django.db import connection
    from django.db.models import Count

    if connection.vendor != "postgresql":
        print("check-ins per second: skipped (needs PostgreSQL: set DATABASE_URL)", flush=True)
        return
    from careers.events.models import CheckIn

    talk, codes, tokens = seed()
    connection.close()  # the server's workers get the database to themselves
    port = free_port()
    server = start_server(port)
    try:
        cpu_before = worker_cpu_seconds(server.pid)
        answers, failures, elapsed = scan_all(port, talk, codes, tokens)
        cpu = worker_cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    rate = len(answers) / elapsed
    duplicates = (CheckIn.objects.filter(talk=talk).values("student").annotate(n=Count("pk")).filter(n__gt=1)
                  .count())
    per_code = {}
    for code, status in answers:
        per_code.setdefault(code, []).append(status)
    exact = sum(1 for statuses in per_code.values() if sorted(statuses) == ["already", "checked_in"])
    if failures:
        print(f"check-in failures: {len(failures)}, first: {failures[0]}", flush=True)
    # context for the figures below (not figures themselves, so no `bench:` prefix)
    print(f"  {len(answers)} scans of {len(codes)} codes in {elapsed:.2f} s; {exact} students answered checked_in "
          f"once and already once; {CheckIn.objects.filter(talk=talk).count()} check-ins stored; server CPU "
          f"{cpu / max(len(answers), 1) * 1000:.1f} ms per scan; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} CPUs", flush=True)
    line("check-in failed requests", len(failures), "", 0, op="=")
    line("students answered checked_in once and already once", exact, "", len(codes), op="=")
    line("check-ins per second", f"{rate:.0f}", "/s", TARGET_RATE, op=">=")
    line("duplicate check-ins", duplicates, "", 0, op="=")
