"""The unit's side of a fair: apply (refusals: not admitted, not public, operation off, deadline, full,
duplicate — also concurrent), edit until the deadline while pending, withdraw, the pages and uploads."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.events.payments import actions as actions_payments
from careers.events.participants import applications
from careers.events.models import Fair, Order, OrderStatus, ParticipantJob, Participation
from tests.events.participants_support import (  # noqa: F401
    _private_media, code_tables, employer, fair, form_data, jpeg_upload, job, participation, pdf_text, pdf_upload,
    unit_client, values,
)
from tests.factories import EmployerFactory, FairFactory, JobFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_apply_creates_pending_participation_with_jobs_and_amount(fair, employer, job):
    p = applications.apply(fair, employer, values(booths_requested=2, attendees=[
        {"name": "甲", "phone": "13800000001", "position": "HR"}, {"name": "乙", "phone": "13800000002"}]), jobs=[job])
    assert p.status == "pending" and p.amount_due == 2 * 800 + 2 * 30
    assert list(p.participant_jobs.values_list("job", flat=True)) == [job.pk]
    assert OperationLog.objects.filter(module="招聘会", action="apply", object_id=str(p.pk)).exists()


def test_apply_refused_when_not_admitted(fair):
    unit = EmployerFactory()
    with pytest.raises(ValidationError, match="尚未通过学校审核入驻"):
        applications.apply(fair, unit, values())


def test_apply_refused_after_deadline(fair, employer):
    fair.apply_deadline = timezone.now() - datetime.timedelta(minutes=1)
    fair.save()
    with pytest.raises(ValidationError, match="截止申请"):
        applications.apply(fair, employer, values())


def test_apply_refused_when_operation_not_visible_or_not_public(fair, employer):
    fair.employer_operations = ["receipt"]
    fair.save()
    with pytest.raises(ValidationError, match="未开放单位在线申请"):
        applications.apply(fair, employer, values())
    fair.employer_operations = ["apply"]
    fair.publish_at = timezone.now() + datetime.timedelta(days=1)
    fair.save()
    with pytest.raises(ValidationError, match="未发布"):
        applications.apply(fair, employer, values())


def test_apply_refused_when_full_but_withdrawn_units_do_not_count(fair, employer):
    ParticipationFactory(fair=fair)
    withdrawn = ParticipationFactory(fair=fair, status="withdrawn")
    applications.apply(fair, employer, values())  # 2nd active of max 2
    with pytest.raises(ValidationError, match="参会单位已满（上限 2 家）"):
        applications.apply(fair, withdrawn.employer, values())


def test_duplicate_application_refused_and_withdrawn_one_reapplies(fair, employer):
    first = applications.apply(fair, employer, values())
    with pytest.raises(ValidationError, match="请勿重复申请"):
        applications.apply(fair, employer, values())
    assert applications.withdraw(first)
    assert not applications.withdraw(first)  # twice: no-op
    again = applications.apply(fair, employer, values())
    assert again.pk == first.pk and again.status == "pending"


def test_rejected_unit_cannot_reapply(fair, employer):
    ParticipationFactory(fair=fair, employer=employer, status="rejected", review_note="行业不符")
    with pytest.raises(ValidationError, match="行业不符"):
        applications.apply(fair, employer, values())


def test_update_recomputes_amount_and_closes_unpaid_order(participation, job):
    order = actions_payments.create_order(participation).order
    applications.update(participation, values(booths_requested=2), jobs=[job])
    participation.refresh_from_db()
    order.refresh_from_db()
    assert participation.amount_due == 1630 and order.status == OrderStatus.CLOSED
    assert ParticipantJob.objects.filter(participation=participation, job=job).exists()


def test_update_refused_when_paid_amount_would_change(participation):
    Participation.objects.filter(pk=participation.pk).update(amount_due="830.00")  # 1 booth, 1 attendee
    participation.refresh_from_db()
    actions_payments.mark_paid(actions_payments.create_order(participation).order)
    with pytest.raises(ValidationError, match="已缴纳"):
        applications.update(participation, values(booths_requested=2))
    applications.update(participation, values(contact_person="李四"))  # same amount: fine
    participation.refresh_from_db()
    assert participation.contact_person == "李四"


def test_update_refused_after_deadline_or_when_confirmed(participation):
    Fair.objects.filter(pk=participation.fair_id).update(apply_deadline=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError, match="已过申请截止时间"):
        applications.update(participation, values())
    Participation.objects.filter(pk=participation.pk).update(status="confirmed")
    with pytest.raises(ValidationError, match="已确认"):
        applications.update(participation, values())


def test_withdraw_closes_unpaid_orders_and_confirmed_cannot_withdraw(participation):
    order = actions_payments.create_order(participation).order
    applications.withdraw(participation)
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    confirmed = ParticipationFactory(confirmed=True)
    with pytest.raises(ValidationError, match="不能在线撤回"):
        applications.withdraw(confirmed)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_applications_for_the_last_place_one_wins(code_tables):
    fair = FairFactory(max_units=1)
    units = [EmployerFactory(admitted=True) for _ in range(2)]
    from tests.concurrency import run_concurrently

    def run(unit):
        try:
            applications.apply(Fair.objects.get(pk=fair.pk), unit, values())
            return "ok"
        except ValidationError as exc:
            return exc.messages[0]

    results = run_concurrently(run, args=units)
    assert sorted(results)[0] == "ok" and "已满" in sorted(results)[1]
    assert Participation.objects.filter(fair=fair).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submission_of_one_unit_creates_one_row(code_tables):
    fair = FairFactory()
    unit = EmployerFactory(admitted=True)
    from tests.concurrency import run_concurrently

    def run():
        try:
            applications.apply(Fair.objects.get(pk=fair.pk), unit, values())
            return "ok"
        except ValidationError as exc:
            return exc.messages[0]

    results = run_concurrently(run, 2)
    assert sorted(results) == ["ok", applications.DUPLICATE]
    assert Participation.objects.filter(fair=fair, employer=unit).count() == 1


# -- pages --------------------------------------------------------------------------------------------

def test_fair_list_shows_apply_state(unit_client, fair, employer):
    other = FairFactory(title="已截止的招聘会", apply_deadline=timezone.now() - datetime.timedelta(hours=1))
    ParticipationFactory(fair=fair, employer=employer)
    FairFactory(title="未发布的招聘会", status="draft")
    page = unit_client.get(reverse("company_events:fair_list")).content.decode()
    assert fair.title in page and other.title in page and "未发布的招聘会" not in page
    assert 'data-state="pending"' in page and 'data-state="closed"' in page


def test_company_pages_need_an_admitted_unit(client, fair):
    client.force_login(EmployerFactory().user)
    assert client.get(reverse("company_events:fair_list")).status_code == 403
    client.logout()
    assert client.get(reverse("company_events:fair_list")).status_code == 302


def test_apply_through_the_form_with_poster_and_brochure(unit_client, fair, employer, job):
    data = form_data(job, booths_requested="2", attendee_2_name="李四", attendee_2_phone="13900000000",
                     poster=jpeg_upload("poster.jpg"), brochure=pdf_upload("brochure.pdf"))
    response = unit_client.post(reverse("company_events:apply", args=[fair.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    p = Participation.objects.get(fair=fair, employer=employer)
    assert p.booths_requested == 2 and len(p.attendees) == 2 and p.amount_due == 1660
    assert p.poster.name.endswith(".jpg") and p.brochure.name.endswith(".pdf")
    assert p.invoice_title == "星辰科技有限公司"
    detail = unit_client.get(reverse("company_events:fair_detail", args=[fair.pk])).content.decode()
    assert "待确认" in detail and "1660" in detail
    poster = unit_client.get(reverse("company_events:participation_file", args=[fair.pk, "poster"]))
    assert poster.status_code == 200 and poster["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize("overrides, message", [
    ({"booths_requested": "3"}, "申请展位数不能超过 2 个"),
    ({"attendee_1_name": "", "attendee_1_phone": "", "attendee_1_position": ""}, "请至少填写一位参会人员"),
    ({"attendee_2_name": "李四"}, "参会人员2：请填写手机号"),
    ({"attendee_1_phone": "12345"}, "参会人员1：手机号“12345”格式不正确"),
    ({"contact_phone": "abc"}, "联系电话：“abc”不是有效的联系电话"),
    ({"invoice_tax_number": "abc!"}, "纳税人识别号：应为 15–20 位"),
    ({"jobs": []}, "招聘职位：请至少选择一个职位"),
])
def test_apply_form_messages_name_the_field(unit_client, fair, job, overrides, message):
    response = unit_client.post(reverse("company_events:apply", args=[fair.pk]), form_data(job, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Participation.objects.filter(fair=fair).exists()


def test_apply_form_refuses_another_units_job(unit_client, fair, job):
    foreign = JobFactory(approved=True)
    response = unit_client.post(reverse("company_events:apply", args=[fair.pk]), form_data(job, jobs=[str(foreign.pk)]))
    assert "不属于贵单位" in response.content.decode()


def test_poster_must_be_an_image_by_content(unit_client, fair, job):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("poster.jpg", b"not an image at all", content_type="image/jpeg")
    response = unit_client.post(reverse("company_events:apply", args=[fair.pk]), form_data(job, poster=fake))
    assert "海报图片" in response.content.decode() and "不是可识别的图片" in response.content.decode()


def test_apply_page_after_deadline_redirects_with_the_reason(unit_client, fair):
    Fair.objects.filter(pk=fair.pk).update(apply_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = unit_client.get(reverse("company_events:apply", args=[fair.pk]), follow=True)
    assert "截止申请" in response.content.decode()


def test_edit_and_withdraw_through_the_pages(unit_client, participation, job):
    url = reverse("company_events:apply", args=[participation.fair_id])
    assert "修改参会申请" in unit_client.get(url).content.decode()
    assert unit_client.post(url, form_data(job, contact_person="赵六")).status_code == 302
    participation.refresh_from_db()
    assert participation.contact_person == "赵六"
    unit_client.post(reverse("company_events:withdraw", args=[participation.fair_id]))
    participation.refresh_from_db()
    assert participation.status == "withdrawn"


def test_other_units_cannot_see_my_files(client, participation):
    client.force_login(EmployerFactory(admitted=True).user)
    assert client.get(reverse("company_events:receipt", args=[participation.fair_id])).status_code == 404
    assert client.get(reverse("company_events:participation_file",
                              args=[participation.fair_id, "receipt"])).status_code == 404


# -- 回执 ---------------------------------------------------------------------------------------------

def test_receipt_page_shows_notes_fees_and_attendees(unit_client, participation):
    page = unit_client.get(reverse("company_events:receipt", args=[participation.fair_id])).content.decode()
    assert "申请表说明" in page and "请于招聘会当天携带本回执" in page
    assert "王招聘" in page and "展位费" in page and participation.employer.name in page and "单位盖章" in page


def test_receipt_pdf_is_a_pdf_with_the_cid_font(unit_client, participation):
    response = unit_client.get(reverse("company_events:receipt_pdf", args=[participation.fair_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"STSong-Light" in response.content
    text = pdf_text(response.content)
    assert participation.employer.name in text and "请于招聘会当天携带本回执" in text and "单位盖章" in text


def test_receipt_needs_the_receipt_operation_and_an_active_application(unit_client, participation):
    Participation.objects.filter(pk=participation.pk).update(status="withdrawn")
    assert unit_client.get(reverse("company_events:receipt", args=[participation.fair_id])).status_code == 403
    Participation.objects.filter(pk=participation.pk).update(status="pending")
    Fair.objects.filter(pk=participation.fair_id).update(employer_operations=["apply"])
    assert unit_client.get(reverse("company_events:receipt_pdf", args=[participation.fair_id])).status_code == 403


@pytest.mark.parametrize("upload", [jpeg_upload, pdf_upload])
def test_signed_receipt_upload(unit_client, participation, upload):
    response = unit_client.post(reverse("company_events:receipt_upload", args=[participation.fair_id]),
                                {"receipt": upload()}, follow=True)
    assert "签字回执已上传" in response.content.decode()
    participation.refresh_from_db()
    assert participation.receipt_file and participation.receipt_uploaded_at
    assert unit_client.get(reverse("company_events:participation_file",
                                   args=[participation.fair_id, "receipt"])).status_code == 200


def test_signed_receipt_upload_checks_content_and_size(unit_client, participation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("company_events:receipt_upload", args=[participation.fair_id])
    fake = SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00 an exe", content_type="application/pdf")
    page = unit_client.post(url, {"receipt": fake}, follow=True).content.decode()
    assert "签字回执须为 JPG、PNG 图片或 PDF 文件" in page
    big = SimpleUploadedFile("receipt.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10), content_type="image/jpeg")
    page = unit_client.post(url, {"receipt": big}, follow=True).content.decode()
    assert "超过了 5 MB 的上限" in page
    participation.refresh_from_db()
    assert not participation.receipt_file


# -- the unit's payment page --------------------------------------------------------------------------

def test_unit_pays_by_offline_transfer(unit_client, participation):
    url = reverse("company_events:payment", args=[participation.fair_id])
    page = unit_client.get(url).content.decode()
    assert "生成缴费订单" in page and "860" in page
    assert Order.objects.count() == 0  # GET never creates an order
    unit_client.post(reverse("company_events:payment_start", args=[participation.fair_id]), {"method": "offline"})
    order = Order.objects.get()
    page = unit_client.get(url).content.decode()
    assert order.number in page and "户名：某某大学" in page
    response = unit_client.post(reverse("company_events:payment_proof", args=[participation.fair_id]),
                                {"proof": jpeg_upload("proof.jpg")}, follow=True)
    assert "等待学校确认收款" in response.content.decode()
    order.refresh_from_db()
    assert order.proof and order.status == OrderStatus.UNPAID
    assert unit_client.get(reverse("company_events:payment_proof_file",
                                   args=[participation.fair_id, order.pk])).status_code == 200


def test_proof_upload_is_content_checked(unit_client, participation):
    from django.core.files.uploadedfile import SimpleUploadedFile

    actions_payments.create_order(participation)
    fake = SimpleUploadedFile("proof.png", b"<html>not an image</html>", content_type="image/png")
    page = unit_client.post(reverse("company_events:payment_proof", args=[participation.fair_id]),
                            {"proof": fake}, follow=True).content.decode()
    assert "转账凭证须为 JPG、PNG 图片或 PDF 文件" in page
    assert not Order.objects.get().proof


def test_payment_page_needs_the_pay_operation(unit_client, participation):
    Fair.objects.filter(pk=participation.fair_id).update(employer_operations=["apply"])
    assert unit_client.get(reverse("company_events:payment", args=[participation.fair_id])).status_code == 403


def test_uploads_and_pdfs_are_rate_limited(unit_client, participation, monkeypatch):
    from django.core.cache import cache

    from careers.events.participants import company as company_participants

    cache.clear()
    monkeypatch.setitem(company_participants.LIMITS, "pdf", 1)
    monkeypatch.setitem(company_participants.LIMITS, "upload", 1)
    url = reverse("company_events:receipt_pdf", args=[participation.fair_id])
    assert unit_client.get(url).status_code == 200
    assert unit_client.get(url).status_code == 429
    upload_url = reverse("company_events:receipt_upload", args=[participation.fair_id])
    unit_client.post(upload_url, {"receipt": jpeg_upload()})
    page = unit_client.post(upload_url, {"receipt": jpeg_upload()}, follow=True).content.decode()
    assert "操作过于频繁" in page
    cache.clear()
