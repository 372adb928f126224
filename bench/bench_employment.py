"""就业信息 at scale: 50,000 students (seed_students), 60% placed with approved records at 400 employers.

(a) 单位查询 (employer lookup, two characters) over the approved records;
(b) the 就业信息 list page with a filter; (c) the 未就业名单 page; (d) the 未就业名单 CSV export of a year.
Pages are timed in-process with the test client (DEBUG off), median of 7 after a warm-up.
"""

ORDER = 70  # after bench_students/bench_reports: its own large cohorts would skew their 200,000-student figures

import io
import statistics
import time

from bench.common import in_fresh_process, line


STUDENTS = 50_000


def median_ms(fn, runs=7):
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def place_students():
    """Approve a contract destination for 60% of the records, spread over 400 employers (a few hundred UPDATEs)."""
    from django.utils import timezone
    from stdnum.cn import uscc

    from careers.codes.models import Code
    from careers.employment.models import EmploymentRecord

    destination = Code.objects.of("destination").get(code="10")
    nature = Code.objects.of("employer_nature").get(code="39")
    industry = Code.objects.of("industry").get(code="65")
    regions = list(Code.objects.of("region").filter(level=3)[:400])
    pks = list(EmploymentRecord.objects.order_by("pk").values_list("pk", flat=True))
    placed = [pk for i, pk in enumerate(pks) if i % 10 < 6]
    now = timezone.now()
    for k in range(400):
        body = f"91420100{k:09d}"
        EmploymentRecord.objects.filter(pk__in=placed[k::400]).update(
            destination=destination, employer_name=f"{'华光星辰蓝海'[k % 6]}{'科技信息制造'[k % 6]}第{k}有限公司",
            employer_credit_code=body + uscc.calc_check_digit(body), employer_nature=nature,
            employer_industry=industry, employer_region=regions[k % len(regions)], review_status="approved",
            reviewed_at=now)
    return len(placed)


SELECTED = 200


def bench_bulk_review(user):
    """批量审核 of one page (200) of students' reported employment (就业信息), each valid for its template."""
    import datetime

    from stdnum.cn import uscc

    from careers.codes.models import Code
    from careers.core import review
    from careers.employment.outcomes.actions import bulk_approve
    from careers.employment.models import EmploymentRecord

    body = "91440101000000001"
    values = {"destination": Code.objects.of("destination").get(code="10"), "employer_name": "广州星辰科技有限公司",
              "employer_credit_code": body + uscc.calc_check_digit(body),
              "employer_nature": Code.objects.of("employer_nature").get(code="39"),
              "employer_industry": Code.objects.of("industry").get(code="65"),
              "employer_region": Code.objects.of("region").get(code="440106"), "employer_address": "天河路 1 号",
              "contact_person": "王经理", "contact_phone": "13812345678", "position": "软件工程师",
              "placed_on": datetime.date(2027, 3, 1)}
    records = list(EmploymentRecord.objects.filter(student__graduation_year=2027, destination__isnull=True)
                   .select_related("student").order_by("pk")[:SELECTED])
    for record in records:
        review.submit(record, values)
    EmploymentRecord.objects.bulk_update(records, ["pending_changes", "review_status", "submitted_at"])
    started = time.perf_counter()
    assert bulk_approve(records, acting_user=user) == SELECTED
    line(f"employment_bulk_approve_{SELECTED}", f"{time.perf_counter() - started:.2f}", "s", "<= 2 s")


def run():
    from django.core.management import call_command
    from django.db import connection

    from bench.bench_imports import school_admin
    from careers.codes.models import Code
    from careers.employment.models import EmploymentRecord

    if not Code.objects.of("region").exists():
        from careers.codes.loader import load_regions

        load_regions()
    if EmploymentRecord.objects.count() < STUDENTS:
        call_command("seed_students", str(STUDENTS), "--years", "2026-2027", stdout=io.StringIO())
    placed = place_students()
    if connection.vendor == "postgresql":
        # VACUUM too, as run.py's settle() does between modules and autovacuum would after this bulk UPDATE of
        # 60 % of the records: with ANALYZE alone the updated pages lose their all-visible bit and the lists'
        # index-only counts read the heap (the figures then measured the bench's own bulk write, not the page)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    line("employment_records_placed", placed, "records")
    bench_bulk_review(school_admin())
    # Timed in a fresh process, like a server worker (not carrying the seeding's objects).
    print(in_fresh_process("bench_employment", f"timings({school_admin().pk})", timeout=600), end="", flush=True)


def timings(user_id):
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from careers.accounts.models import User
    from careers.core.scoping import SYSTEM
    from careers.employment.outcomes.employers import lookup_employers

    line("employer_lookup_50000", f"{median_ms(lambda: lookup_employers('星辰', user=SYSTEM)):.0f}", "ms", 50)
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(pk=user_id))

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        return get

    list_url = f"{reverse('employment:employmentrecord_list')}?student__graduation_year=2027&category=协议和合同就业"
    line("employment_list_page_50000", f"{median_ms(page(list_url)):.0f}", "ms", 150)
    unemployed_url = f"{reverse('employment:unemployed_list')}?graduation_year=2027"
    line("unemployed_list_page_50000", f"{median_ms(page(unemployed_url)):.0f}", "ms", 150)

    export_url = f"{reverse('employment:unemployed_export')}?graduation_year=2027"

    def export():
        response = client.post(export_url, {"format": "csv", "fields_chosen": ["student_number", "name", "college",
                                                                               "major", "reason"]})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            b"".join(response.streaming_content)

    line("unemployed_export_csv_year_10000_rows", f"{median_ms(export, runs=3):.0f}", "ms", 10000)
