"""网上签约 (online signing of the three-party agreement): the student fills it, the employer confirms in its
portal, the school approves with the next 协议书编号 (the paper flow's numbering) — every step a logged
transition with history rows; ownership (another unit: 404), scope (another college: 404), bad input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from careers.core.models import MessageDelivery, OperationLog
from careers.core.scoping import SYSTEM
from careers.employment.agreements import actions, signing
from careers.employment.agreements.models import AgreementNumber, AgreementSettings, OnlineAgreement
from tests.employment.agreements_support import record_number, students
from tests.employment.dispatch_support import student_login  # noqa: F401
from tests.factories import EmployerFactory, code

pytestmark = pytest.mark.django_db


def pdf_text(data):
    import io

    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def online():
    obj = AgreementSettings.load()
    obj.online_signing = True
    obj.save()
    return obj


def terms(employer, **extra):
    return {"employer": employer, "job_title": "软件工程师", "work_region": code("region", "420111"),
            "contract_period": "3 年", "salary": "月薪 9000 元", "probation": "6 个月",
            "start_date": timezone.localdate() + datetime.timedelta(days=60), "other_terms": "提供住房补贴。",
            **extra}


def form_data(employer, **extra):
    data = terms(employer, **extra)
    data["employer"] = employer.pk
    data["work_region"] = data["work_region"].pk
    data["start_date"] = data["start_date"].isoformat()
    return data


def test_the_whole_flow_with_the_audit_trail(org, online, school_admin):
    student = org["students"]["a1"]
    employer = EmployerFactory(admitted=True)
    agreement = signing.save(student, terms(employer), submit=True)
    assert agreement.status == "employer" and agreement.submitted_at
    assert MessageDelivery.objects.filter(recipient=employer.user, message__subject__contains="待确认").exists()
    agreement = signing.employer_confirm(agreement, employer=employer, contact="王经理", phone="13800000000",
                                         acting_user=employer.user)
    assert agreement.status == "school" and agreement.employer_confirmed_at
    AgreementNumber.objects.create(number="WQ2026000041", student=students(org["majors"]["a1"], 1)[0])
    agreement = signing.approve(agreement, acting_user=school_admin)  # default: the next number of the series
    assert agreement.status == "signed" and agreement.number.number == "WQ2026000042"
    assert agreement.number.source == "online" and record_number(student) == "WQ2026000042"
    assert agreement.approved_at and agreement.approved_by == school_admin
    assert list(agreement.history.order_by("history_date").values_list("status", flat=True)) == [
        "draft", "employer", "school", "signed"]
    logged = list(OperationLog.objects.filter(object_type="employment.onlineagreement").values_list("action", "message"))
    assert {a for a, _ in logged} >= {"create", "submit", "confirm", "approve"}, logged
    # the student holds a number now: the paper flow only offers the later types, no second online agreement
    assert actions.allowed_kinds(student)[0] == "breach"
    assert "已持有使用中的协议书编号" in signing.start_problem(student)


def test_disabled_by_default_and_paper_exclusive(org):
    student = org["students"]["a1"]
    employer = EmployerFactory(admitted=True)
    assert AgreementSettings.load().online_signing is False
    with pytest.raises(ValidationError, match="暂未开放网上签约"):
        signing.save(student, terms(employer))
    AgreementSettings.objects.filter(pk=1).update(online_signing=True)
    draft = signing.save(student, terms(employer))  # a draft
    AgreementSettings.objects.filter(pk=1).update(online_signing=False)
    with pytest.raises(ValidationError, match="暂未开放网上签约"):  # switched off: nothing new is sent
        signing.submit(draft, student=student)
    AgreementSettings.objects.filter(pk=1).update(online_signing=True)
    with pytest.raises(ValidationError, match="正在办理的网上签约"):
        actions.apply(student, kind="first")
    with pytest.raises(ValidationError, match="正在办理的网上签约"):
        signing.save(student, terms(employer))
    other = org["students"]["a2"] if "a2" in org["students"] else students(org["majors"]["a1"], 1)[0]
    actions.apply(other, kind="first")
    assert "纸质协议书申请" in signing.start_problem(other)


def test_decline_edit_resubmit_and_cancel(org, online):
    student = org["students"]["a1"]
    employer = EmployerFactory(admitted=True)
    agreement = signing.save(student, terms(employer), submit=True)
    with pytest.raises(ValidationError, match="请填写退回原因"):
        signing.employer_decline(agreement, employer=employer, reason=" ", acting_user=employer.user)
    agreement = signing.employer_decline(agreement, employer=employer, reason="薪酬写错了", acting_user=employer.user)
    assert agreement.status == "returned" and agreement.employer_note == "薪酬写错了"
    with pytest.raises(ValidationError, match="不能确认"):
        signing.employer_confirm(agreement, employer=employer, contact="王", phone="1", acting_user=employer.user)
    agreement = signing.save(student, terms(employer, salary="月薪 9500 元"), agreement=agreement, submit=True)
    assert agreement.status == "employer" and agreement.salary == "月薪 9500 元" and agreement.employer_note == ""
    agreement = signing.cancel(agreement, student=student)
    assert agreement.status == "cancelled"
    with pytest.raises(ValidationError, match="不能修改"):
        signing.save(student, terms(employer), agreement=agreement)


def test_bad_input_and_ownership_in_actions(org, online, school_admin, college_admin):
    student = org["students"]["a1"]
    employer, other = EmployerFactory(admitted=True), EmployerFactory(admitted=True)
    with pytest.raises(ValidationError, match="已入驻本校的用人单位"):
        signing.save(student, terms(EmployerFactory()))  # not admitted
    with pytest.raises(ValidationError, match="报到日期不能早于今天"):
        signing.save(student, terms(employer, start_date=datetime.date(2020, 1, 1)))
    agreement = signing.save(student, terms(employer), submit=True)
    with pytest.raises(PermissionDenied):
        signing.employer_confirm(agreement, employer=other, contact="李", phone="1", acting_user=other.user)
    with pytest.raises(ValidationError, match="请填写单位经办人"):
        signing.employer_confirm(agreement, employer=employer, contact="", phone="1", acting_user=employer.user)
    signing.employer_confirm(agreement, employer=employer, contact="王", phone="138", acting_user=employer.user)
    with pytest.raises(ValidationError, match="请填写协议书起始号"):
        signing.approve(agreement, acting_user=school_admin)  # no number issued yet: the admin gives one
    AgreementNumber.objects.create(number="0007", student=students(org["majors"]["a1"], 1)[0])
    with pytest.raises(ValidationError, match="0007 已被使用"):
        signing.approve(agreement, acting_user=school_admin, start="0007")
    with pytest.raises(ValidationError, match="起始号应为 0008"):
        signing.approve(agreement, acting_user=school_admin, start="0010")
    with pytest.raises(ValidationError, match="请填写不同意的原因"):
        signing.reject(agreement, acting_user=school_admin, reason="")
    assert OnlineAgreement.objects.get(pk=agreement.pk).status == "school"  # nothing half written
    done = signing.reject(agreement, acting_user=school_admin, reason="岗位与专业不符")
    assert done.status == "rejected" and not AgreementNumber.objects.filter(student=student).exists()


def test_college_admin_sees_only_their_majors(org, online, college_admin):
    employer = EmployerFactory(admitted=True)
    other_student = org["students"]["b1"]
    agreement = signing.save(other_student, terms(employer), submit=True)
    signing.employer_confirm(agreement, employer=employer, contact="王", phone="138", acting_user=employer.user)
    with pytest.raises(PermissionDenied):
        signing.approve(agreement, acting_user=college_admin, start="0001")


def test_pages_student_employer_school(client, org, online, school_admin, college_admin, student_login,  # noqa: F811
                                       django_assert_max_num_queries):
    student = org["students"]["a1"]
    employer = EmployerFactory(admitted=True)
    student_login(student)
    home = client.get(reverse("employment_portal:agreements")).content.decode()
    assert "网上签约" in home
    start = reverse("employment_portal:signing_start")
    assert client.get(start).status_code == 200
    bad = client.post(start, {**form_data(employer), "job_title": "", "submit": "1"})
    assert bad.status_code == 400 and "请填写工作岗位" in bad.content.decode()
    done = client.post(start, {**form_data(employer), "submit": "1"})
    agreement = OnlineAgreement.objects.get(student=student)
    assert done.status_code == 302 and agreement.status == "employer"
    assert client.get(reverse("employment_portal:signing_detail", args=[agreement.pk])).status_code == 200
    pdf = client.get(reverse("employment_portal:signing_pdf", args=[agreement.pk]))
    assert pdf.content.startswith(b"%PDF-")

    # another unit: 404 everywhere; the unit itself confirms
    intruder = EmployerFactory(admitted=True)
    client.force_login(intruder.user)
    assert client.get(reverse("company_employment:signing_detail", args=[agreement.pk])).status_code == 404
    assert client.post(reverse("company_employment:signing_confirm", args=[agreement.pk]),
                       {"confirm-contact": "X", "confirm-phone": "1", "confirm-agree": "on"}).status_code == 404
    client.force_login(EmployerFactory().user)  # not admitted yet
    assert client.get(reverse("company_employment:signing_list")).status_code == 403
    client.force_login(employer.user)
    with django_assert_max_num_queries(20):
        listing = client.get(reverse("company_employment:signing_list"))
    assert student.name in listing.content.decode()
    url = reverse("company_employment:signing_confirm", args=[agreement.pk])
    refused = client.post(url, {"confirm-contact": "王经理", "confirm-phone": "138"})
    assert refused.status_code == 400 and "请勾选" in refused.content.decode()
    assert client.post(url, {"confirm-contact": "王经理", "confirm-phone": "138", "confirm-agree": "on"}).status_code == 302
    assert OnlineAgreement.objects.get(pk=agreement.pk).status == "school"

    # the school: scoped list and detail, approve with a number
    client.force_login(college_admin)
    other = signing.save(org["students"]["b1"], terms(employer))
    detail_other = reverse("employment:onlineagreement_detail", args=[other.pk])
    assert client.get(detail_other).status_code == 404
    with django_assert_max_num_queries(25):
        listing = client.get(reverse("employment:onlineagreement_list")).content.decode()
    assert student.student_number in listing and org["students"]["b1"].student_number not in listing
    client.force_login(school_admin)
    detail = reverse("employment:onlineagreement_detail", args=[agreement.pk])
    assert "同意并生成编号" in client.get(detail).content.decode()
    client.post(reverse("employment:onlineagreement_approve", args=[agreement.pk]), {"approve-start": "WQ0001"})
    agreement = OnlineAgreement.objects.select_related("number").get(pk=agreement.pk)
    assert agreement.status == "signed" and agreement.number.number == "WQ0001"
    page = client.get(detail).content.decode()
    assert "WQ0001" in page and "学校审核同意" in page
    pdf = client.get(reverse("employment:onlineagreement_pdf", args=[agreement.pk]))
    text = pdf_text(pdf.content)
    assert "WQ0001" in text and "三方网上确认" in text and "王经理" in text and "软件工程师" in text
    for moment in (agreement.submitted_at, agreement.employer_confirmed_at, agreement.approved_at):
        assert f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" in text  # each party's confirmation time
    export = client.get(reverse("employment:onlineagreement_export") + "?format=csv")
    assert export.status_code in (200, 302)


def test_settings_page_switches_it_on(client, school_admin):
    client.force_login(school_admin)
    url = reverse("employment:agreementsettings_edit")
    assert "允许网上签约" in client.get(url).content.decode()
    client.post(url, {"mode": "school", "online_signing": "on", "instructions": ""})
    assert AgreementSettings.load().online_signing is True


def test_system_can_walk_every_state(org, online):
    """(the demo uses SYSTEM as the school)"""
    employer = EmployerFactory(admitted=True)
    agreement = signing.save(org["students"]["a1"], terms(employer), submit=True)
    signing.employer_confirm(agreement, employer=employer, contact="王", phone="138", acting_user=employer.user)
    assert signing.approve(agreement, acting_user=SYSTEM, start="0001").status == "signed"


def test_employer_type_ahead_offers_admitted_units_only(client, org, online, student_login, monkeypatch):  # noqa: F811
    from careers.employment.agreements.forms import SigningForm
    from tests.core.test_form_typeahead import ask, endpoint_url

    monkeypatch.setattr(SigningForm, "typeahead_limit", 1)
    admitted = [EmployerFactory(admitted=True, name=f"星河网络{n}") for n in range(3)]
    EmployerFactory(name="星河网络待审")
    student_login(org["students"]["a1"])
    body = client.get(reverse("employment_portal:signing_start")).content.decode()
    answer = ask(client, endpoint_url(body), "星河").json()
    assert {r["text"] for r in answer["results"]} == {e.name for e in admitted}


def test_work_item_counts_scoped_agreements_waiting_for_the_school(client, org, online, school_admin, college_admin):
    from careers.core.workqueue import WORK_ITEMS

    employer = EmployerFactory(admitted=True)
    for student in (org["students"]["a1"], org["students"]["b1"]):
        agreement = signing.save(student, terms(employer), submit=True)
        signing.employer_confirm(agreement, employer=employer, contact="王", phone="138", acting_user=employer.user)
    item = WORK_ITEMS["employment.signing_pending"]
    assert item.count(school_admin) == 2 and item.count(college_admin) == 1
    client.force_login(college_admin)
    listing = client.get(reverse("employment:onlineagreement_list") + "?status=school&student__graduation_year=")
    assert org["students"]["a1"].student_number in listing.content.decode()


def test_company_home_card_lists_what_waits_for_the_unit(client, org, online):
    employer = EmployerFactory(admitted=True)
    client.force_login(employer.user)
    assert "网上签约待确认" not in client.get(reverse("company:home")).content.decode()
    agreement = signing.save(org["students"]["a1"], terms(employer), submit=True)
    body = client.get(reverse("company:home")).content.decode()
    assert "网上签约待确认" in body and reverse("company_employment:signing_detail", args=[agreement.pk]) in body
