"""用人单位注册 (public): good registration, every kind of bad input, duplicates (incl. the database race)."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from careers.accounts.models import User
from careers.core.models import OperationLog
from careers.core.validators import validate_credit_code as clean_credit_code
from careers.recruitment.employers import actions
from careers.recruitment.employers import company as company_views
from careers.recruitment.models import Employer, EmployerStatus
from tests.factories import EmployerFactory, credit_code
from tests.recruitment.employers_support import (  # noqa: F401
    PASSWORD,
    PDF,
    _clear_cache,
    licence_upload,
    png_bytes,
    private_media,
    registration_data,
)

pytestmark = pytest.mark.django_db
URL = "/company/register/"


def post(client, data, licence=None):
    return client.post(URL, {**data, "licence": licence if licence is not None else licence_upload()})


def test_register_creates_account_and_waiting_unit_then_lands_in_portal(client, private_media):
    data = registration_data(1, name="武汉测试软件(光谷)有限公司")
    response = post(client, data)
    assert response.status_code == 302 and response.url == reverse("company:home")
    employer = Employer.objects.select_related("user").get()
    assert employer.name == "武汉测试软件（光谷）有限公司"  # one spelling of brackets
    assert employer.status == EmployerStatus.WAITING and employer.submitted_at is not None
    assert employer.admitted_at is None
    user = employer.user
    assert user.username == data["credit_code"] and user.kind == User.Kind.EMPLOYER
    assert not user.must_change_password and user.check_password(PASSWORD)
    assert employer.licence.name.startswith("licences/") and employer.licence.name.endswith(".jpg")
    assert (private_media / employer.licence.name).exists()
    assert OperationLog.objects.filter(object_id=str(employer.pk), message__contains="注册").exists()
    page = client.get(reverse("company:home"))  # logged in as the new account
    assert "等待审核" in page.content.decode()
    assert client.get("/").url == reverse("company:home")  # an employer's home is the portal


def test_register_accepts_pdf_and_png_licences(client, private_media):
    assert post(client, registration_data(2), licence_upload(PDF, "x.bin", "application/octet-stream")).status_code == 302
    client.logout()
    assert post(client, registration_data(3), licence_upload(png_bytes(), "x.pdf")).status_code == 302
    names = sorted(Employer.objects.values_list("licence", flat=True))
    assert {n.rsplit(".", 1)[1] for n in names} == {"pdf", "png"}


@pytest.mark.parametrize("value, message", [
    ("91420100MA4K12345", "应为 18 位，当前为 17 位"),
    ("9142010A0000000001", "前 8 位"),
    ("91420100MA4KIO0000", "只能使用数字和大写字母"),
])
def test_bad_credit_code_format_is_named(value, message):
    with pytest.raises(ValidationError) as exc:
        clean_credit_code(value)
    assert message in exc.value.messages[0]


def test_bad_checksum_and_compact_forms():
    good = credit_code(1)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码"):
        clean_credit_code(bad)
    assert clean_credit_code(" " + good.lower()[:6] + "-" + good.lower()[6:] + " ") == good
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in good)  # typed with a Chinese IME
    assert clean_credit_code(full_width) == good


def test_bad_input_shows_messages_and_stores_nothing(client, private_media):
    data = registration_data(4, credit_code="914201000000000000", phone="12345", email="not-an-email",
                             password2="Other#Pass2027", region="")
    page = post(client, data).content.decode()
    for text in ("校验码", "不是有效的联系电话", "不是有效的电子邮箱", "两次输入的密码不一致", "请选择所在地区"):
        assert text in page
    assert not Employer.objects.exists() and not User.objects.filter(kind=User.Kind.EMPLOYER).exists()
    assert not list(private_media.rglob("*.*")) if private_media.exists() else True


def test_weak_password_is_refused(client, private_media):
    page = post(client, registration_data(5, password1="12345678", password2="12345678")).content.decode()
    assert "登录密码" in page and not Employer.objects.exists()


@pytest.mark.parametrize("upload, message", [
    (licence_upload(b"MZ\x90\x00 this is an exe", "licence.jpg"), "营业执照须为 JPG、PNG 图片或 PDF 文件"),
    (licence_upload(b"GIF89a" + b"\x00" * 100, "licence.png"), "营业执照须为 JPG、PNG 图片或 PDF 文件"),
    (licence_upload(b"%PDF-1.4\n/JavaScript (alert)\n%%EOF", "l.pdf"), "营业执照 PDF"),
    (licence_upload(b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10), "big.jpg"), "超过了 5 MB 的上限"),
])
def test_bad_licence_is_refused_by_content_and_size(client, private_media, upload, message):
    page = post(client, registration_data(6), upload).content.decode()
    assert message in page
    assert not Employer.objects.exists()


def test_licence_is_required(client, private_media):
    data = registration_data(7)
    page = client.post(URL, data).content.decode()
    assert "请上传营业执照" in page and not Employer.objects.exists()


def test_duplicate_name_including_full_width_brackets_points_to_appeal(client, private_media):
    EmployerFactory(name="武汉测试软件（光谷）有限公司")
    page = post(client, registration_data(8, name="武汉测试软件(光谷)有限公司")).content.decode()
    assert "已注册" in page and "账号申诉" in page
    assert Employer.objects.count() == 1
    assert not User.objects.filter(username=credit_code(900008)).exists()  # the account was rolled back
    page = post(client, registration_data(8, name=" 武汉测试软件 （光谷） 有限公司 ")).content.decode()
    assert "已注册" in page and Employer.objects.count() == 1


def test_duplicate_credit_code_is_refused(client, private_media):
    existing = EmployerFactory()
    page = post(client, registration_data(9, credit_code=existing.credit_code.lower())).content.decode()
    assert "已注册" in page and Employer.objects.count() == 1
    assert not list((private_media / "licences").glob("*")) if (private_media / "licences").exists() else True


def test_race_lost_at_the_database_is_reported_as_duplicate(client, private_media):
    """The other request committed between our form check and our insert: the constraint decides."""
    with mock.patch.object(Employer, "save", side_effect=IntegrityError("duplicate key name_key")):
        page = post(client, registration_data(10)).content.decode()
    assert "已注册" in page and "账号申诉" in page
    assert not User.objects.filter(username=credit_code(900010)).exists()
    assert not Employer.objects.exists()


def test_register_action_raises_duplicate_for_taken_username(private_media):
    existing = EmployerFactory()
    values = {k: v for k, v in registration_data(11, credit_code=existing.credit_code).items()
              if k not in ("password1", "password2")}
    from careers.codes.models import Code

    for name in ("nature", "industry", "region"):
        values[name] = Code.objects.get(pk=values[name])
    with pytest.raises(actions.DuplicateUnit):
        actions.register(values, password=PASSWORD)


def test_registrations_are_rate_limited_per_ip(client, private_media, monkeypatch):
    monkeypatch.setattr(company_views, "REGISTRATIONS_PER_IP_PER_HOUR", 1)
    assert post(client, registration_data(12)).status_code == 302
    client.logout()
    page = post(client, registration_data(13)).content.decode()
    assert "注册过于频繁" in page and Employer.objects.count() == 1


def test_the_region_type_ahead_is_public():
    """The registration form's region field (codes.fields) searches without an account."""
    from django.test import Client

    found = Client().get(reverse("codes:region_options"), {"t": 3, "q": "洪山"}).json()["results"]
    assert [r["text"] for r in found] == ["湖北省 武汉市 洪山区"]
