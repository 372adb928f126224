"""账号申诉: the public form, the back-office list/detail/licence and handling, permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.recruitment.appeals import actions
from careers.recruitment.appeals import company as company_appeals
from careers.recruitment.models import AccountAppeal
from tests.factories import TEST_PASSWORD, EmployerFactory, UserFactory, credit_code
from tests.recruitment.appeals_support import (  # noqa: F401  (fixtures)
    clear_cache,
    form_data,
    licence_upload,
    make_appeal,
    private_media,
)

pytestmark = pytest.mark.django_db
User = get_user_model()
APPEAL_URL = "/company/appeal/"


@pytest.fixture
def employer(db):
    return EmployerFactory(admitted=True, name="武汉光谷（示例）科技有限公司", contact_person="王旧",
                           phone="13800000001", email="old@unit.example.cn")


def post_appeal(client, employer, kind="png", headers=None, **overrides):
    return client.post(APPEAL_URL, {**form_data(employer, **overrides), "licence": licence_upload(kind)},
                       **(headers or {}))


# -- the public form -----------------------------------------------------------------------------

def test_url_name_and_anonymous_get(client):
    assert reverse("company:appeal") == APPEAL_URL
    response = client.get(APPEAL_URL)
    assert response.status_code == 200
    assert "用人单位账号申诉" in response.content.decode()


def test_appeal_is_recorded_with_private_licence_and_done_page(client, employer, settings):
    response = post_appeal(client, employer)
    assert response.status_code == 302 and response["Location"] == reverse("company:appeal_done")
    appeal = AccountAppeal.objects.get()
    assert appeal.employer == employer and appeal.status == "pending"
    assert (appeal.contact_person, appeal.phone, appeal.email) == ("李新", "13912345678", "new-hr@unit.example.cn")
    assert appeal.licence.name.startswith("appeals/") and appeal.licence.name.endswith(".jpg")
    assert str(settings.PRIVATE_MEDIA_ROOT) in appeal.licence.path
    with pytest.raises(ValueError):
        appeal.licence.url  # private files have no public address
    body = client.get(response["Location"]).content.decode()
    assert "申诉已提交" in body and "30 分钟" in body and "139****5678" in body
    assert OperationLog.objects.filter(object_type="recruitment.accountappeal", action="create").exists()
    # the account itself is untouched until an admin handles the appeal
    employer.refresh_from_db()
    assert employer.contact_person == "王旧"


def test_name_is_matched_normalised_and_code_case_insensitively(client, employer):
    name = employer.name.replace("（", "(").replace("）", ")").replace("科技", " 科技 ")
    response = post_appeal(client, employer, unit_name=name, credit_code=employer.credit_code.lower())
    assert response.status_code == 302
    assert AccountAppeal.objects.get().employer == employer


def test_pdf_licence_is_accepted(client, employer):
    assert post_appeal(client, employer, kind="pdf").status_code == 302
    assert AccountAppeal.objects.get().licence.name.endswith(".pdf")


@pytest.mark.parametrize("overrides, field, message", [
    ({"credit_code": "91420100000000000X"}, "credit_code", "校验码"),
    ({"credit_code": "1234"}, "credit_code", "18 位"),
    ({"phone": "010-12345678"}, "phone", "11 位"),
    ({"phone": "23912345678"}, "phone", "11 位"),
    ({"email": "not-an-email"}, "email", "不是有效的电子邮箱"),
    ({"contact_person": ""}, "contact_person", "请填写新联系人"),
    ({"reason": "忘了"}, "reason", "至少 5 个字"),
])
def test_bad_input_names_the_field(client, employer, overrides, field, message):
    response = post_appeal(client, employer, **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not AccountAppeal.objects.exists()


def test_licence_must_be_image_or_pdf_by_content(client, employer):
    response = post_appeal(client, employer, kind="exe")  # named .exe but sent as image/png
    assert "licence" in response.context["form"].errors
    assert "不是可识别的图片" in " ".join(response.context["form"].errors["licence"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake_png = SimpleUploadedFile("licence.png", b"just text, not an image", content_type="image/png")
    response = client.post(APPEAL_URL, {**form_data(employer), "licence": fake_png})
    assert "licence" in response.context["form"].errors
    gif = SimpleUploadedFile("licence.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif")
    response = client.post(APPEAL_URL, {**form_data(employer), "licence": gif})
    assert "licence" in response.context["form"].errors
    response = client.post(APPEAL_URL, form_data(employer))
    assert "请上传营业执照" in " ".join(response.context["form"].errors["licence"])
    assert not AccountAppeal.objects.exists()


def test_licence_over_5_mb_is_refused(client, employer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("licence.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n",
                             content_type="application/pdf")
    response = client.post(APPEAL_URL, {**form_data(employer), "licence": big})
    assert "5 MB" in " ".join(response.context["form"].errors["licence"])
    assert not AccountAppeal.objects.exists()


def test_pdf_with_script_is_refused(client, employer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    evil = SimpleUploadedFile("licence.pdf", b"%PDF-1.4\n<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF\n")
    response = client.post(APPEAL_URL, {**form_data(employer), "licence": evil})
    assert "脚本" in " ".join(response.context["form"].errors["licence"])


@pytest.mark.parametrize("overrides", [
    {"credit_code": credit_code(987654)},  # valid code, no such unit
    {"unit_name": "另一家从未注册的公司"},  # right code, wrong name
])
def test_unit_not_found(client, employer, overrides):
    response = post_appeal(client, employer, **overrides)
    assert response.status_code == 200
    body = response.content.decode()
    assert "未找到该单位的注册账号" in body and "直接注册" in body
    assert not AccountAppeal.objects.exists()


def test_second_pending_appeal_is_refused_until_handled(client, employer, school_admin):
    assert post_appeal(client, employer).status_code == 302
    response = post_appeal(client, employer, contact_person="张三")
    assert "已有待处理的申诉" in response.content.decode()
    assert AccountAppeal.objects.count() == 1
    actions.reject_appeal(AccountAppeal.objects.get(), reason="资料不全", acting_user=school_admin)
    assert post_appeal(client, employer).status_code == 302
    assert AccountAppeal.objects.count() == 2


def test_rate_limited_per_ip(client, employer, monkeypatch):
    monkeypatch.setattr(company_appeals, "APPEALS_PER_IP_PER_HOUR", 2)
    for _ in range(2):
        post_appeal(client, employer, credit_code=credit_code(111))
    response = post_appeal(client, employer)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not AccountAppeal.objects.exists()
    # another address is not affected
    assert post_appeal(client, employer, headers={"REMOTE_ADDR": "10.9.9.9"}).status_code in (200, 302)


# -- back office: permissions --------------------------------------------------------------------

@pytest.fixture
def appeal(employer):
    return make_appeal(employer)


def admin_with(*codes):
    user = UserFactory(username=f"adm-{'-'.join(c.split('.')[-1] for c in codes) or 'none'}",
                       kind=User.Kind.SCHOOL_ADMIN)
    user.set_permissions(codes)
    user.save()
    return user


def urls_of(appeal):
    return [reverse("recruitment:accountappeal_list"), reverse("recruitment:accountappeal_detail", args=[appeal.pk]),
            reverse("recruitment:accountappeal_licence", args=[appeal.pk])]


def test_menu_and_action_are_registered():
    from careers.core.permissions import registry

    codes = registry.all_codes()
    assert {"recruitment.accountappeal.view", "recruitment.accountappeal.review"} <= codes
    assert registry.menu_label("recruitment.accountappeal.view") == "用人单位账号申诉"


def test_without_permission_403(client, appeal):
    client.force_login(admin_with())
    for url in urls_of(appeal):
        assert client.get(url).status_code == 403, url
    handle = reverse("recruitment:accountappeal_handle", args=[appeal.pk])
    assert client.post(handle, {"method": "other", "other-note": "x"}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.status == "pending"


@pytest.mark.parametrize("kind", [User.Kind.STUDENT, User.Kind.EMPLOYER])
def test_students_and_employers_cannot_reach(client, appeal, kind):
    user = UserFactory(username=f"u-{kind}", kind=kind, permissions=["recruitment.accountappeal.view",
                                                                      "recruitment.accountappeal.review"])
    client.force_login(user)
    for url in urls_of(appeal):
        assert client.get(url).status_code == 403
    client.post(reverse("recruitment:accountappeal_handle", args=[appeal.pk]), {"method": "email"})
    appeal.refresh_from_db()
    assert appeal.status == "pending" and not mail.outbox


def test_anonymous_goes_to_login(client, appeal):
    for url in urls_of(appeal):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_view_only_admin_sees_but_cannot_handle(client, appeal):
    client.force_login(admin_with("recruitment.accountappeal.view"))
    body = client.get(reverse("recruitment:accountappeal_detail", args=[appeal.pk])).content.decode()
    assert appeal.contact_person in body and "处理申诉" not in body
    response = client.post(reverse("recruitment:accountappeal_handle", args=[appeal.pk]), {"method": "email"})
    assert response.status_code == 403
    assert not mail.outbox


# -- back office: list, detail, licence ----------------------------------------------------------

def test_list_filters(client, school_admin, employer):
    first = make_appeal(employer)
    actions.reject_appeal(first, reason="重复", acting_user=school_admin)
    second = make_appeal(EmployerFactory(name="另一家单位有限公司"), contact_person="赵六")
    actions.handle_other(second, note="电话核实", acting_user=school_admin)
    third = make_appeal(EmployerFactory(name="第三家单位"), contact_person="孙七")
    client.force_login(school_admin)
    url = reverse("recruitment:accountappeal_list")

    def names(**params):
        table = client.get(url, params).context["table"]
        return {row.record.pk for row in table.paginated_rows}

    assert names() == {first.pk, second.pk, third.pk}
    assert names(status="pending") == {third.pk}
    assert names(status="rejected") == {first.pk}
    assert names(method="other") == {second.pk}
    assert names(q="赵六") == {second.pk}
    assert names(q=employer.credit_code) == {first.pk}
    today = timezone.localdate(third.created_at).isoformat()  # the filter compares local (Asia/Shanghai) dates
    assert names(submitted_from=today, submitted_to=today) == {first.pk, second.pk, third.pk}
    assert names(submitted_to="2000-01-01") == set()
    assert "不予处理" in client.get(url).content.decode()


def test_list_query_count_is_bounded(client, school_admin):
    client.force_login(school_admin)
    url = reverse("recruitment:accountappeal_list")
    make_appeal()
    client.get(url, {"per_page": 200})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"per_page": 200})
    for i in range(15):
        appeal = make_appeal(EmployerFactory())
        if i % 2:
            actions.handle_other(appeal, note="n", acting_user=school_admin)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"per_page": 200}).status_code == 200
    assert len(many) == len(few) <= 15


def test_detail_shows_appeal_beside_current_account(client, school_admin, appeal):
    client.force_login(school_admin)
    body = client.get(reverse("recruitment:accountappeal_detail", args=[appeal.pk])).content.decode()
    for text in ("王旧", "13800000001", "old@unit.example.cn", "李新", "13912345678", "new-hr@unit.example.cn",
                 appeal.employer.user.username, "（1）修改密码", "（2）验证邮箱", "（3）验证手机", "（4）其他处理方式",
                 "不予处理", reverse("recruitment:accountappeal_licence", args=[appeal.pk])):
        assert text in body, text


def test_licence_viewer_serves_the_private_file_safely(client, school_admin, appeal):
    client.force_login(school_admin)
    response = client.get(reverse("recruitment:accountappeal_licence", args=[appeal.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "sandbox" in response["Content-Security-Policy"] and response["X-Content-Type-Options"] == "nosniff"


# -- handling ------------------------------------------------------------------------------------

def handle(client, appeal, method, follow=False, **data):
    return client.post(reverse("recruitment:accountappeal_handle", args=[appeal.pk]), {"method": method, **data},
                       follow=follow)


def assert_contact_replaced(appeal):
    employer = appeal.employer
    employer.refresh_from_db()
    user = User.objects.get(pk=employer.user_id)
    assert (employer.contact_person, employer.phone, employer.email) == (appeal.contact_person, appeal.phone,
                                                                         appeal.email)
    assert (user.email, user.phone) == (appeal.email, appeal.phone)
    return user


def test_method_password(client, school_admin, appeal):
    employer_client = client.__class__()
    employer_client.force_login(appeal.employer.user)
    client.force_login(school_admin)
    response = handle(client, appeal, "password", **{"password-new_password1": "Unit#Pass2027",
                                                      "password-new_password2": "Unit#Pass2027"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.status, appeal.method, appeal.handled_by) == ("handled", "password", school_admin)
    user = assert_contact_replaced(appeal)
    assert user.check_password("Unit#Pass2027") and user.must_change_password
    # the old sessions of the account end (session auth hash changed)
    assert employer_client.get("/company/appeal/").wsgi_request.user.is_anonymous
    logs = OperationLog.objects.filter(object_type="recruitment.accountappeal", object_id=str(appeal.pk))
    assert any("修改密码" in log.message for log in logs)
    assert OperationLog.objects.filter(object_type="recruitment.employer", object_id=str(appeal.employer.pk),
                                       changes__联系人=["王旧", "李新"]).exists()
    assert appeal.history.count() >= 2  # simple-history: created, handled


def test_method_password_bad_input(client, school_admin, appeal):
    client.force_login(school_admin)
    response = handle(client, appeal, "password", **{"password-new_password1": "short",
                                                      "password-new_password2": "short"})
    assert response.status_code == 400
    assert "至少需要 8 个字符" in response.content.decode()
    response = handle(client, appeal, "password", **{"password-new_password1": "Unit#Pass2027",
                                                      "password-new_password2": "Unit#Pass2028"})
    assert "两次输入的新密码不一致" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "pending"
    assert User.objects.get(pk=appeal.employer.user_id).check_password(TEST_PASSWORD)


def test_method_other_and_reject(client, school_admin, employer):
    client.force_login(school_admin)
    first = make_appeal(employer)
    response = handle(client, first, "other")
    assert response.status_code == 400 and "请填写处理说明" in response.content.decode()
    handle(client, first, "other", **{"other-note": "已电话核实，线下办理"})
    first.refresh_from_db()
    assert (first.status, first.method, first.handling_note) == ("handled", "other", "已电话核实，线下办理")
    user = assert_contact_replaced(first)
    assert user.check_password(TEST_PASSWORD)  # (4) leaves the password alone

    second = make_appeal(employer, contact_person="冒名者", phone="13700000000", email="fake@evil.example")
    response = handle(client, second, "reject")
    assert "请填写不予处理的原因" in response.content.decode()
    handle(client, second, "reject", **{"reject-reason": "营业执照与单位不符"})
    second.refresh_from_db()
    assert (second.status, second.handling_note) == ("rejected", "营业执照与单位不符")
    employer.refresh_from_db()
    assert employer.contact_person == "李新"  # the rejected appeal changed nothing


def test_handled_appeal_cannot_be_handled_again(client, school_admin, appeal):
    client.force_login(school_admin)
    handle(client, appeal, "other", **{"other-note": "已处理"})
    response = handle(client, appeal, "email", follow=True)
    assert "该申诉已处理" in response.content.decode()
    assert not mail.outbox
    with pytest.raises(actions.AppealError):
        actions.handle_with_sms(appeal, acting_user=school_admin)


def test_unknown_method_changes_nothing(client, school_admin, appeal):
    client.force_login(school_admin)
    response = handle(client, appeal, "delete-everything", follow=True)
    assert "请选择处理方式" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "pending"


def test_random_password_is_readable_and_valid():
    from django.contrib.auth.password_validation import validate_password

    seen = set()
    for _ in range(200):
        password = actions.random_password()
        validate_password(password)
        assert len(password) == 10 and not set(password) & set("0O1lI")
        seen.add(password)
    assert len(seen) == 200


# -- the mobile validator ------------------------------------------------------------------------

from django.core.exceptions import ValidationError  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from careers.recruitment.appeals.forms import normalise_mobile  # noqa: E402


@given(st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9),
       st.sampled_from(["", "+86", "+86 "]), st.sampled_from(["", " ", "-"]))
def test_mobile_numbers_are_normalised(second, rest, prefix, sep):
    number = f"1{second}{rest}"
    typed = prefix + sep.join([number[:3], number[3:7], number[7:]])
    assert normalise_mobile(typed) == number


@given(st.text(max_size=20))
def test_anything_else_is_refused_with_a_message(text):
    try:
        result = normalise_mobile(text)
    except ValidationError as exc:
        assert "11 位" in exc.messages[0]
    else:
        assert len(result) == 11 and result.isascii() and result.isdigit() and result[0] == "1" and result[1] in "3456789"


def test_demo_seed_is_idempotent():
    import random

    from careers.recruitment.appeals import demo as demo_appeals

    EmployerFactory(), EmployerFactory()
    demo_appeals.seed(random.Random(1), [2027])
    demo_appeals.seed(random.Random(1), [2027])
    assert AccountAppeal.objects.filter(status="pending").count() == 2
    assert all(a.licence.name.endswith(".jpg") for a in AccountAppeal.objects.all())
