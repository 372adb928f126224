"""预约咨询 under contention (issue 16: 200 concurrent bookings for 20 slots → exactly 20 succeed).

Seeds 20 one-seat slots of one adviser and 200 students (with accounts), then 40 threads — each with its own
database connection (PostgreSQL's default 100 connections are shared with the other processes) — start together
behind a barrier and make the 200 real `bookings.actions.book` calls from one queue, ten students per slot, the
ten of a slot spread over the threads so they meet.
The seat is taken by inserting the booking under the partial unique index (slot, seat_no): the losers get
“该咨询时间已约满”. Prints how many bookings succeeded, how many slots ended with more than one holding
booking (must be 0) and the wall time of the 200 calls. On SQLite (the embedded default) the same threads run,
serialised by its write lock (IMMEDIATE transactions); the figure that matters is the PostgreSQL one.
"""

import datetime
import queue
import threading
import time

from bench.common import line

SLOTS = 20
STUDENTS = 200
THREADS = 40


def seed():
    from django.utils import timezone

    from careers.accounts.models import User
    from careers.codes.models import Code
    from careers.counseling.models import Adviser, CounselingSettings, Slot, Topic
    from careers.org.models import Campus, College, Major
    from careers.students.models import Student

    settings = CounselingSettings.current()
    settings.enabled = True
    settings.save()
    topic = Topic.objects.get_or_create(name="压测主题")[0]
    adviser_user = User.objects.create(username="bench-adviser", name="压测咨询师", kind=User.Kind.COUNSELOR)
    adviser = Adviser.objects.create(user=adviser_user)
    start = (timezone.now() + datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    slots = Slot.objects.bulk_create([Slot(adviser=adviser, starts_at=start + datetime.timedelta(hours=i),
                                           ends_at=start + datetime.timedelta(hours=i, minutes=50), capacity=1)
                                      for i in range(SLOTS)])
    college = College.objects.get_or_create(name="预约压测学院")[0]
    level, duration, discipline = (Code.objects.of(kind).first() for kind in ("education_level", "duration",
                                                                               "discipline"))
    major = Major.objects.create(name="预约压测专业", major_code="080901", campus=Campus.objects.get_or_create(
        name="预约压测校区")[0], college=college, education_level=level, duration=duration, discipline=discipline)
    status = Code.objects.of("enrolment_status").get(code="01")
    users = User.objects.bulk_create([User(username=f"CB{i:06d}", name=f"预约学生{i}", kind=User.Kind.STUDENT)
                                      for i in range(STUDENTS)])
    students = Student.objects.bulk_create([
        Student(student_number=f"CB{i:06d}", name=f"预约学生{i}", gender="1", id_number=f"CBID{i:014d}",
                enrolment_year=2023, graduation_year=2027, major=major, enrolment_status=status, user=users[i])
        for i in range(STUDENTS)])
    return topic, slots, students


def book_all(topic, slots, students):
    from django.core.exceptions import ValidationError
    from django.db import connections

    from careers.counseling.bookings.actions import book

    barrier = threading.Barrier(THREADS)
    work = queue.SimpleQueue()
    for index in range(STUDENTS):  # student i books slot i % 20: consecutive calls hit different slots
        work.put(index)
    outcomes = [None] * STUDENTS

    def worker():
        try:
            barrier.wait(timeout=120)
            while True:
                try:
                    index = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    book(students[index], slots[index % SLOTS], topic, "压测咨询问题")
                    outcomes[index] = "ok"
                except ValidationError as exc:
                    outcomes[index] = "；".join(exc.messages)
                except Exception as exc:  # noqa: BLE001  (counted and shown: a bench never hides an error)
                    outcomes[index] = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


def run():
    from django.db import connection
    from django.db.models import Count

    from careers.counseling.models import Booking

    topic, slots, students = seed()
    connection.close()
    outcomes, elapsed = book_all(topic, slots, students)
    succeeded = outcomes.count("ok")
    full = sum(1 for o in outcomes if o and "已约满" in o)
    errors = [o for o in outcomes if o and o.startswith("error")]
    overbooked = (Booking.objects.holding().filter(slot__in=slots).values("slot").annotate(n=Count("pk"))
                  .filter(n__gt=1).count())
    print(f"  {STUDENTS} bookings of {SLOTS} one-seat slots by {THREADS} threads on {connection.vendor}: {succeeded} booked, "
          f"{full} refused as full, {len(errors)} errors{f' (first: {errors[0]})' if errors else ''}; "
          f"{elapsed:.2f} s", flush=True)
    line(f"counseling_bookings_succeeded_of_{STUDENTS}_for_{SLOTS}_slots", succeeded, "bookings", SLOTS, op="=")
    line("counseling_overbooked_slots", overbooked, "slots", 0, op="=")
    line("counseling_booking_errors", len(errors), "errors", 0, op="=")
    line(f"counseling_{STUDENTS}_concurrent_bookings", f"{elapsed:.2f}", "s", "<= 10 s")
