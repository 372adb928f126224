"""用人单位 review states (manual 4.1), the unit's edits, bulk approve, permissions and privacy, the list."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core.models import MessageDelivery, OperationLog
from careers.core.review import ReviewStatus
from careers.core.scoping import SYSTEM
from careers.employment.outcomes.employers import lookup_employers
from careers.recruitment.employers import actions
from careers.recruitment.models import Employer, EmployerStatus
from tests.factories import EmployerFactory, UserFactory, credit_code
from tests.recruitment.employers_support import (  # noqa: F401
    PDF,
    _clear_cache,
    code,
    licence_upload,
    private_media,
    registration_data,
)

pytestmark = pytest.mark.django_db


def edit_data(employer, **overrides):
    data = {name: getattr(employer, name) for name in ("name", "credit_code", "size", "address", "website",
                                                       "introduction", "contact_person", "phone", "email")}
    data.update({"nature": employer.nature_id, "industry": employer.industry_id, "region": employer.region_id})
    data.update(overrides)
    return data


@pytest.fixture
def reviewer(school_admin):
    return school_admin


def test_first_approval_admits_and_notifies(reviewer):
    employer = EmployerFactory()
    assert employer.status == EmployerStatus.WAITING
    actions.approve(employer, acting_user=reviewer)
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.ADMITTED and employer.admitted_at is not None
    assert employer.reviewed_by == reviewer
    assert OperationLog.objects.filter(object_id=str(employer.pk), message__contains="入驻").exists()
    assert MessageDelivery.objects.filter(recipient=employer.user, message__subject__contains="入驻").exists()
    assert Employer.objects.with_status(EmployerStatus.ADMITTED).filter(pk=employer.pk).exists()


def test_reject_reason_is_shown_to_the_unit_and_resubmission_goes_back_to_waiting(client, reviewer, private_media):
    employer = EmployerFactory()
    with pytest.raises(ValidationError):
        actions.reject(employer, reason="  ", acting_user=reviewer)
    actions.reject(employer, reason="营业执照不清晰", acting_user=reviewer)
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.REJECTED
    client.force_login(employer.user)
    home = client.get(reverse("company:home")).content.decode()
    assert "未通过" in home and "营业执照不清晰" in home
    response = client.post(reverse("company:profile_edit"), {**edit_data(employer), "licence": licence_upload()})
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.WAITING and employer.review_note == ""
    assert employer.licence  # written directly: the unit was never admitted


def test_admitted_units_edit_waits_for_re_review_while_approved_version_stays_public(client, reviewer):
    employer = EmployerFactory(admitted=True, name="光谷星辰软件有限公司")
    client.force_login(employer.user)
    response = client.post(reverse("company:profile_edit"), edit_data(
        employer, name="光谷星辰科技有限公司", address="武汉市东湖新技术开发区高新大道1号", phone="13912345678",
        contact_person="新联系人"))
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.RE_REVIEW
    assert employer.name == "光谷星辰软件有限公司"  # the approved version is still what is public
    assert employer.pending_changes == {"name": "光谷星辰科技有限公司", "address": "武汉市东湖新技术开发区高新大道1号"}
    assert (employer.phone, employer.contact_person) == ("13912345678", "新联系人")  # contact: at once
    assert employer.user.phone == "13912345678"
    assert Employer.objects.admitted().filter(pk=employer.pk).exists()  # still on the site
    assert [h.name for h in lookup_employers("光谷星辰", user=SYSTEM)] == ["光谷星辰软件有限公司"]  # 单位查询: approved data
    # the re-review page shows old → new
    client.force_login(reviewer)
    page = client.get(reverse("recruitment:employer_detail", args=[employer.pk])).content.decode()
    assert "待复审" in page and "光谷星辰科技有限公司" in page and 'id="approve"' in page
    actions.approve(employer, acting_user=reviewer)
    employer.refresh_from_db()
    assert employer.name == "光谷星辰科技有限公司" and employer.pending_changes == {}
    assert employer.status == EmployerStatus.ADMITTED


def test_editing_again_keeps_pending_values_and_reverting_withdraws(client):
    employer = EmployerFactory(admitted=True)
    client.force_login(employer.user)
    client.post(reverse("company:profile_edit"), edit_data(employer, address="新地址一号大街"))
    employer.refresh_from_db()
    assert employer.pending_changes == {"address": "新地址一号大街"}
    form = client.get(reverse("company:profile_edit")).content.decode()
    assert "新地址一号大街" in form  # the form starts from the pending edit
    client.post(reverse("company:profile_edit"), edit_data(employer, phone="13700001111", address="新地址一号大街"))
    employer.refresh_from_db()
    assert employer.pending_changes == {"address": "新地址一号大街"}  # a contact edit keeps the pending edit
    client.post(reverse("company:profile_edit"), edit_data(employer))  # back to the approved address
    employer.refresh_from_db()
    assert employer.pending_changes == {} and employer.status == EmployerStatus.ADMITTED


def test_rejected_re_review_leaves_the_unit_admitted(client, reviewer):
    employer = EmployerFactory(admitted=True)
    client.force_login(employer.user)
    client.post(reverse("company:profile_edit"), edit_data(employer, size="gt5000"))
    employer.refresh_from_db()
    actions.reject(employer, reason="规模与实际不符", acting_user=reviewer)
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.ADMITTED and employer.size == "150-500"
    assert "规模与实际不符" in client.get(reverse("company:home")).content.decode()


def test_licence_replacement_after_admission_waits_for_re_review(client, reviewer, private_media):
    employer = EmployerFactory(admitted=True)
    client.force_login(employer.user)
    client.post(reverse("company:profile_edit"), {**edit_data(employer), "licence": licence_upload(PDF, "l.pdf")})
    employer.refresh_from_db()
    assert not employer.licence and employer.pending_changes["licence"].endswith(".pdf")
    assert client.get(reverse("company:licence") + "?pending=1").status_code == 200
    client.force_login(reviewer)
    assert client.get(reverse("recruitment:employer_licence", args=[employer.pk]) + "?pending=1").status_code == 200
    actions.approve(employer, acting_user=reviewer)
    employer.refresh_from_db()
    assert employer.licence.name.endswith(".pdf")


def test_edit_to_a_taken_name_is_refused(client):
    EmployerFactory(name="已有单位有限公司")
    employer = EmployerFactory(admitted=True)
    client.force_login(employer.user)
    page = client.post(reverse("company:profile_edit"), edit_data(employer, name="已有单位有限公司")).content.decode()
    assert "该单位名称已被其他单位注册" in page
    employer.refresh_from_db()
    assert employer.pending_changes == {}


def test_review_view_approve_and_reject_with_reason(client, reviewer):
    waiting, other = EmployerFactory(), EmployerFactory()
    client.force_login(reviewer)
    url = reverse("recruitment:employer_review", args=[waiting.pk])
    client.post(url, {"_action": "approve"})
    waiting.refresh_from_db()
    assert waiting.status == EmployerStatus.ADMITTED
    page = client.post(reverse("recruitment:employer_review", args=[other.pk]), {"_action": "reject", "reason": ""})
    assert "请填写不通过的原因" in page.content.decode()
    client.post(reverse("recruitment:employer_review", args=[other.pk]), {"_action": "reject", "reason": "名称不符"})
    other.refresh_from_db()
    assert other.status == EmployerStatus.REJECTED and other.review_note == "名称不符"


def test_bulk_approve_is_all_or_nothing(client, reviewer):
    first, second = EmployerFactory(), EmployerFactory()
    admitted = EmployerFactory(admitted=True, name="冲突单位有限公司")
    third = EmployerFactory(admitted=True)
    third.pending_changes = {"name": "冲突单位有限公司"}  # would collide with another unit's name
    third.review_status = ReviewStatus.PENDING
    third.save()
    client.force_login(reviewer)
    url = reverse("recruitment:employer_bulk_review")
    pks = [first.pk, second.pk, third.pk]
    confirm = client.post(url, {"pk": pks}).content.decode()
    assert "批量审核 3 个用人单位" in confirm and "首次入驻申请" in confirm
    response = client.post(url, {"pk": pks, "_confirm": "1"}, follow=True)
    assert "未审核任何记录" in response.content.decode()
    assert Employer.objects.with_status(EmployerStatus.WAITING).filter(pk__in=[first.pk, second.pk]).count() == 2
    client.post(url, {"pk": [first.pk, second.pk, admitted.pk], "_confirm": "1"})
    assert Employer.objects.with_status(EmployerStatus.ADMITTED).filter(pk__in=[first.pk, second.pk]).count() == 2


def test_admin_without_permission_gets_403(client):
    employer = EmployerFactory()
    nobody = UserFactory(username="noperm")
    client.force_login(nobody)
    for name in ("detail", "licence", "registry", "messages"):
        assert client.get(reverse(f"recruitment:employer_{name}", args=[employer.pk])).status_code == 403
    assert client.get(reverse("recruitment:employer_list")).status_code == 403
    assert client.post(reverse("recruitment:employer_review", args=[employer.pk]),
                       {"_action": "approve"}).status_code == 403
    viewer = UserFactory(username="viewer")
    viewer.set_permissions(["recruitment.employer.view"])
    viewer.save()
    client.force_login(viewer)
    assert client.get(reverse("recruitment:employer_detail", args=[employer.pk])).status_code == 200
    assert client.post(reverse("recruitment:employer_review", args=[employer.pk]),
                       {"_action": "approve"}).status_code == 403
    assert client.post(reverse("recruitment:employer_bulk_review"),
                       {"pk": [employer.pk], "_confirm": "1"}).status_code == 403
    employer.refresh_from_db()
    assert employer.status == EmployerStatus.WAITING


def test_employer_cannot_reach_back_office_or_another_units_licence(client, private_media):
    mine = EmployerFactory()
    other = EmployerFactory()
    other.licence.save("x.jpg", licence_upload())
    client.force_login(mine.user)
    assert client.get(reverse("recruitment:employer_list")).status_code == 403
    assert client.get(reverse("recruitment:employer_licence", args=[other.pk])).status_code == 403
    assert client.get(reverse("company:licence")).status_code == 404  # own, and none uploaded
    client.force_login(other.user)
    assert client.get(reverse("company:licence")).status_code == 200


def test_student_or_anonymous_cannot_use_the_employer_portal(client, org):
    assert client.get(reverse("company:home")).status_code == 302  # to the login page
    student_user = UserFactory(username="stu1", kind="student")
    client.force_login(student_user)
    assert client.get(reverse("company:profile")).status_code == 403


def test_disable_and_enable_account(client, reviewer):
    employer = EmployerFactory(admitted=True)
    client.force_login(reviewer)
    client.post(reverse("recruitment:employer_active", args=[employer.pk]), {"active": "0"})
    employer.refresh_from_db()
    assert not employer.user.is_active and not Employer.objects.admitted().filter(pk=employer.pk).exists()
    client.post(reverse("recruitment:employer_active", args=[employer.pk]), {"active": "1"})
    employer.user.refresh_from_db()
    assert employer.user.is_active


def test_licence_viewer_serves_private_file_to_permitted_admin(client, reviewer, private_media):
    employer = EmployerFactory()
    employer.licence.save("x.pdf", licence_upload(PDF, "x.pdf"))
    client.force_login(reviewer)
    response = client.get(reverse("recruitment:employer_licence", args=[employer.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]


def test_list_filters_status_and_keyword(client, reviewer):
    EmployerFactory(name="等待甲有限公司")
    EmployerFactory(admitted=True, name="入驻乙有限公司")
    client.force_login(reviewer)
    url = reverse("recruitment:employer_list")
    page = client.get(url, {"status": "waiting"}).content.decode()
    assert "等待甲有限公司" in page and "入驻乙有限公司" not in page
    page = client.get(url, {"q": "入驻乙"}).content.decode()
    assert "入驻乙有限公司" in page and "等待甲有限公司" not in page
    page = client.get(url, {"province": "42"}).content.decode()
    assert "等待甲有限公司" in page
    page = client.get(url, {"registered_from": "2030-01-02", "registered_to": "2030-01-01"}).content.decode()
    assert "注册日期止不能早于注册日期起" in page
    assert 'data-indicator="no-wechat"' in client.get(url).content.decode()


def test_list_query_count_is_bounded(client, reviewer):
    client.force_login(reviewer)
    url = reverse("recruitment:employer_list")
    EmployerFactory()
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"per_page": 200}).status_code == 200
        return len(ctx)

    before = count()
    for i in range(15):
        EmployerFactory(admitted=i % 2 == 0)
    assert count() == before <= 15


def test_detail_query_count_is_bounded(client, reviewer):
    employer = EmployerFactory(phone="13800000000")
    for _ in range(5):
        EmployerFactory(phone="13800000000")
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("recruitment:employer_detail", args=[employer.pk]))
    assert page.status_code == 200 and 'data-flag="shared_phone"' in page.content.decode()
    assert len(ctx) <= 20


def test_export(client, reviewer):
    EmployerFactory(name="导出单位有限公司")
    client.force_login(reviewer)
    response = client.post(reverse("recruitment:employer_export"), {"fields_chosen": ["name", "status", "credit_code"],
                                                                     "format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig") if hasattr(response, "streaming_content") \
        else response.content.decode("utf-8-sig")
    assert "导出单位有限公司" in body and "等待审核" in body


def test_demo_seed_is_idempotent():
    import random

    from careers.recruitment.employers.demo import seed

    seed(random.Random(1), (2027,))
    first = Employer.objects.count()
    seed(random.Random(2), (2027,))
    assert Employer.objects.count() == first >= 12
    for status in EmployerStatus:
        assert Employer.objects.with_status(status).exists()


def test_registered_unit_reaches_admitted_through_the_views(client, reviewer, private_media):
    client.post("/company/register/", {**registration_data(30), "licence": licence_upload()})
    employer = Employer.objects.get(credit_code=credit_code(900030))
    client.force_login(reviewer)
    client.post(reverse("recruitment:employer_review", args=[employer.pk]), {"_action": "approve"})
    client.force_login(employer.user)
    assert "已入驻" in client.get(reverse("company:home")).content.decode()
    assert code("region", "420111") == employer.region


def test_approved_credit_code_and_name_change_follow_to_the_account(client, reviewer):
    employer = EmployerFactory(admitted=True)
    client.force_login(employer.user)
    client.post(reverse("company:profile_edit"), edit_data(employer, credit_code=credit_code(777001),
                                                           name="改名后的单位有限公司"))
    employer.refresh_from_db()
    assert employer.user.username != credit_code(777001)  # not before the school approves
    actions.approve(employer, acting_user=reviewer)
    employer.user.refresh_from_db()
    assert (employer.user.username, employer.user.name) == (credit_code(777001), "改名后的单位有限公司")


def test_market_counter_counts_admitted_units_by_admission():
    from careers.reports import market

    EmployerFactory(admitted=True, region=code("region", "420111"))
    EmployerFactory(admitted=True, region=code("region", "110108"))
    EmployerFactory()  # waiting: not counted
    counter = market.REGISTRY["employers"]
    assert counter.count(market.Period()) == 2
    assert counter.count(market.Period(), "region") == {"湖北省": 1, "北京市": 1}
