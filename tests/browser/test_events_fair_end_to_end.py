"""Issue 6's whole story in one real browser run: the school creates and publishes a fair; a unit applies on a
phone, prints its 回执 and pays by offline transfer; the school confirms the payment and the unit, allocates
booths; a student registers on a phone; on the day the student checks in by the QR, a scanner checks another
student in through the device API, the unit checks in by its QR; the statistics and exports agree."""

import datetime
import io

import pytest
import requests
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from careers.accounts.models import User
from careers.core.demo import DEMO_PASSWORD
from careers.events.models import (
    Booth,
    CheckIn,
    Fair,
    Order,
    Participation,
    Registration,
)
from careers.recruitment.models import Application
from careers.students.models import Student
from tests.browser.recruitment_steps import student_who_can_log_in
from tests.events.fairs_support import at, local_input
from tests.factories import (
    TEST_PASSWORD,
    CheckinDeviceFactory,
    EmployerFactory,
    JobFactory,
)
from tests.studentfiles.helpers import png_bytes

pytestmark = pytest.mark.browser
TITLE = "端到端秋季双选会"
UNIT = "端到端参会科技有限公司"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_a_whole_fair(browse, live_server, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path

    # 1. the school creates the fair (展位费 800 per booth, offline transfer) and publishes it
    a = browse()
    a.login("10001", DEMO_PASSWORD)
    a.goto("/events/fairs/add/")
    page = a.page
    page.fill("#id_title", TITLE)
    page.fill("#id_starts_at", local_input(at(10, 9)))
    page.fill("#id_ends_at", local_input(at(10, 16)))
    page.fill("#id_publish_at", local_input(at(-1, 8)))
    page.fill("#id_place", "体育馆一楼")
    page.fill("#id_apply_deadline", local_input(at(5, 18)))
    page.fill("#id_receipt_notes", "请加盖公章后上传回执。")
    page.fill("#id_payee_info", "户名：某某大学；账号：4200 0000 0000 0000")
    page.locator("#fee-rows tbody tr").nth(0).locator("input[name=fee_name]").fill("展位费")
    page.locator("#fee-rows tbody tr").nth(0).locator("input[name=fee_amount]").fill("800")
    submit(page, "#fair-form button[type=submit]")
    assert not page.locator(".invalid-feedback").count(), page.locator(".invalid-feedback").all_inner_texts()
    fair = Fair.objects.get(title=TITLE)
    submit(page, "#publish-fair")
    assert page.locator("#fair-status").inner_text() == "已发布"

    # 2. an admitted unit applies on a phone, opens its receipt, uploads the transfer proof
    unit = EmployerFactory(admitted=True, name=UNIT)
    job = JobFactory(employer=unit, approved=True, title="端到端后端工程师", openings=4)
    e = browse(phone=True)
    e.login(unit.user.username, TEST_PASSWORD)
    e.goto(f"/company/fairs/{fair.pk}/")
    submit(e.page, "#apply")
    e.page.fill("#id_attendee_1_name", "王招聘")
    e.page.fill("#id_attendee_1_phone", "13800000000")
    e.page.check("input[name=jobs]")
    submit(e.page, "#apply-form button[type=submit]")
    assert "待确认" in e.page.locator("#participation-status").inner_text()
    submit(e.page, "#receipt")
    assert "请加盖公章后上传回执" in e.page.locator("#receipt-notes").inner_text()
    pdf = e.page.request.get(f"{live_server.url}/company/fairs/{fair.pk}/receipt.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    e.goto(reverse("company_events:payment", args=[fair.pk]))
    submit(e.page, "#start-payment")
    e.page.set_input_files("#id_proof", files=[{"name": "proof.png", "mimeType": "image/png",
                                                "buffer": png_bytes()}])
    submit(e.page, "#proof-form button")
    assert "等待学校确认收款" in e.page.locator("#proof-waiting").inner_text()
    participation = Participation.objects.get(fair=fair, employer=unit)
    order = Order.objects.get(participation=participation)
    assert order.amount_fen == 80000

    # 3. the school confirms the payment, confirms the unit and allocates its booth
    a.page.on("dialog", lambda dialog: dialog.accept())
    a.goto(f"/events/orders/{order.pk}/")
    submit(a.page, "#confirm-form button")
    assert "已支付" in a.page.locator("#order-status").inner_text()
    a.goto(f"/events/participants/?fair={fair.pk}")
    assert a.page.locator('[data-indicator="paid"][data-on="1"]').count() == 1
    a.page.check("[data-select-all]")
    submit(a.page, "#bulk-confirm")
    a.page.check("[data-select-all]")
    a.page.fill("#alloc-area", "A")
    submit(a.page, "#bulk-allocate")
    assert list(Booth.objects.filter(fair=fair).values_list("code", flat=True)) == ["A01"]

    # 4. a student registers on a phone and sees the unit's booth and job
    student = student_who_can_log_in()
    s = browse(phone=True)
    s.login(student.user.username, TEST_PASSWORD)
    s.goto(f"/fairs/{fair.pk}/")
    assert "A01" in s.page.locator("#fair-units").inner_text()
    assert "端到端后端工程师" in s.page.locator("#fair-jobs").inner_text()
    submit(s.page, "#register")
    s.page.locator("#registered").wait_for()
    walk_in, stranger = Student.objects.filter(graduation_year__gte=2026).exclude(pk=student.pk).order_by("pk")[:2]
    Registration.objects.create(fair=fair, student=walk_in)  # registered earlier, checks in at the scanner

    # 5. the day of the fair (moved to now): QR check-in, device check-in, unit check-in, a delivery
    now = timezone.now()
    Fair.objects.filter(pk=fair.pk).update(starts_at=now - datetime.timedelta(minutes=30),
                                           ends_at=now + datetime.timedelta(hours=6),
                                           apply_deadline=now - datetime.timedelta(hours=1),
                                           registration_closes_at=now - datetime.timedelta(minutes=30))
    a.goto(f"/events/checkins/qr/fair/{fair.pk}/")
    student_link = a.page.get_attribute("#student-qr-link", "href")
    unit_link = a.page.get_attribute("#unit-qr-link", "href")
    s.page.goto(student_link)
    assert s.page.inner_text("#checkin-message") == "签到成功"
    s.page.goto(student_link)
    assert s.page.inner_text("#checkin-message").startswith("已签到 ")

    CheckinDeviceFactory(token="e2e-scanner")
    scan = {"Authorization": "Bearer e2e-scanner"}
    url = f"{live_server.url}/api/checkin/events/fair/{fair.pk}/scans"
    first = requests.post(url, json={"code": walk_in.student_number}, headers=scan, timeout=10).json()
    again = requests.post(url, json={"code": walk_in.student_number}, headers=scan, timeout=10).json()
    refused = requests.post(url, json={"code": stranger.student_number}, headers=scan, timeout=10).json()
    assert (first["status"], again["status"], refused["status"]) == ("checked_in", "already", "not_registered")
    assert refused["message"] == "签到需要先报名"
    assert CheckIn.objects.filter(fair=fair).count() == 2

    e.page.goto(unit_link)
    assert e.page.inner_text("#unit-checkin-message") == "签到成功"
    Application.objects.create(job=job, employer=unit, student=student, snapshot={"name": student.name})

    # 6. the statistics and the exports agree with what happened
    a.goto(f"/events/fairs/{fair.pk}/stats/")
    figures = {key: a.page.locator(f'[data-figure="{key}"] [data-value]').inner_text()
               for key in ("units_applied", "units_confirmed", "units_checked_in", "jobs", "openings",
                           "registrations", "checkins", "deliveries", "paid")}
    assert figures == {"units_applied": "1", "units_confirmed": "1", "units_checked_in": "1", "jobs": "1",
                       "openings": "4", "registrations": "2", "checkins": "2", "deliveries": "1",
                       "paid": "800.00"}
    a.shot("events-fair-e2e-stats")
    xlsx = a.page.request.get(live_server.url + a.page.get_attribute("[data-export=xlsx]", "href"))
    sheet = load_workbook(io.BytesIO(xlsx.body())).active
    items = [(row[1], str(row[2])) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ("报名人数", "2") in items and ("签到人数", "2") in items and ("现场简历投递", "1") in items
    office = Client()
    office.force_login(User.objects.get(username="10001"))
    exported = office.post(f"/events/participants/export/?fair={fair.pk}",
                           {"format": "csv", "fields_chosen": ["employer", "status", "booths"]})
    text = b"".join(exported.streaming_content).decode("utf-8-sig") if exported.streaming else \
        exported.content.decode("utf-8-sig")
    assert f"{UNIT},已确认,A01" in text.replace("\r", "").replace('"', "")
    jobs = office.post(f"/events/fair-jobs/export/?fair={fair.pk}", {"format": "csv", "fields_chosen": ["title"]})
    jobs_text = b"".join(jobs.streaming_content).decode("utf-8-sig") if jobs.streaming else jobs.content.decode()
    assert "端到端后端工程师" in jobs_text
    a.assert_clean()


def _csrf(b):
    return next(c["value"] for c in b.context.cookies() if c["name"] == "csrftoken")
