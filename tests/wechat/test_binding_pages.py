"""The 绑定微信 pages (student, employer, back office), the polled status, unbinding, the bindings list."""

import pytest
from django.urls import reverse

from careers.core.models import OperationLog
from careers.core.permissions import registry
from careers.wechat.binding import actions
from careers.wechat.binding.models import BindingSource, QrLogin, QrPurpose, QrStatus, WechatBinding
from tests.factories import UserFactory
from tests.wechat.binding_support import employer_user, scan, student_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def test_student_opens_qr_polls_and_is_bound(client, bind_stub):
    user = student_user()
    client.force_login(user)
    page = client.get(reverse("wechat_portal:bind"))
    assert page.status_code == 200 and "点击打开二维码" in page.content.decode()

    body = client.post(reverse("wechat_portal:bind")).content.decode()
    code = QrLogin.objects.get(user=user, purpose=QrPurpose.BIND)
    assert "<svg" in body and "showqrcode" not in body and "mp.weixin" not in body  # no third-party image
    status_url = reverse("wechat_site:qr_status", args=[code.token])
    assert status_url in body and 'hx-trigger="every 2s"' in body
    assert "用模拟微信扫码" not in body

    waiting = client.get(status_url)
    assert waiting.status_code == 200 and "请使用微信" in waiting.content.decode()
    scan("o_stu", code)
    done = client.get(status_url)
    assert "绑定成功" in done.content.decode() and done["HX-Refresh"] == "true"
    assert "hx-get" not in done.content.decode()  # polling stops
    assert "已绑定微信" in client.get(reverse("wechat_portal:bind")).content.decode()


def test_status_is_only_for_its_owner(client, bind_stub):
    code = actions.open_code(QrPurpose.BIND, student_user())
    url = reverse("wechat_site:qr_status", args=[code.token])
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(student_user())
    assert client.get(url).status_code == 404  # another student
    assert client.get(reverse("wechat_site:qr_status", args=["x" * 43])).status_code == 404


def test_polling_is_rate_limited(client, bind_stub, monkeypatch):
    from careers.core import ratelimit

    now = ratelimit.time.time()
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)  # one fixed window, whatever the clock
    user = student_user()
    code = actions.open_code(QrPurpose.BIND, user)
    client.force_login(user)
    url = reverse("wechat_site:qr_status", args=[code.token])
    from careers.wechat.binding import site

    statuses = [client.get(url).status_code for _ in range(site.POLLS_PER_MINUTE + 1)]
    assert statuses[-1] == 429 and statuses[0] == 200


def test_simulator_link_in_fake_mode(client, bind_stub, settings):
    settings.WECHAT_FAKE_URL = "http://127.0.0.1:9999"
    client.force_login(student_user())
    body = client.post(reverse("wechat_portal:bind")).content.decode()
    assert "用模拟微信扫码" in body and "http://127.0.0.1:9999/_sim/?scene=ccb_" in body


def test_not_configured_is_said_in_chinese(client):
    client.force_login(student_user())
    body = client.post(reverse("wechat_portal:bind")).content.decode()
    assert "暂时无法生成二维码" in body and not QrLogin.objects.exists()


def test_student_unbinds(client):
    user = student_user()
    actions.bind(user, "o_stu2", source=BindingSource.QR)
    client.force_login(user)
    assert client.get(reverse("wechat_portal:unbind")).status_code == 405
    response = client.post(reverse("wechat_portal:unbind"))
    assert response["Location"] == reverse("wechat_portal:bind")
    assert not WechatBinding.objects.exists()
    assert OperationLog.objects.filter(module="wechat", action="delete", user=user).exists()


def test_pages_belong_to_their_kind(client):
    client.force_login(UserFactory())
    assert client.get(reverse("wechat_portal:bind")).status_code == 403
    assert client.get(reverse("wechat_company:bind")).status_code == 403
    client.force_login(student_user())
    assert client.get(reverse("wechat:binding_mine")).status_code == 403


def test_employer_binds(client, bind_stub):
    user = employer_user()
    client.force_login(user)
    assert "绑定微信" in client.get(reverse("wechat_company:bind")).content.decode()
    client.post(reverse("wechat_company:bind"))
    code = QrLogin.objects.get(user=user)
    assert "绑定成功" in scan("o_emp", code, subscribe=True)
    assert WechatBinding.objects.get(openid="o_emp").user == user


def test_admin_binding_page_is_in_every_back_office_menu(client, bind_stub):
    holder = UserFactory(permissions=["students.student.view"])
    assert any(item.label == "管理员绑定" for _, items in registry.menus_for(holder) for item in items)
    user = UserFactory(permissions=[])  # no permission at all: still their own 管理员绑定, from 账户信息
    client.force_login(user)
    assert reverse("wechat:binding_mine") in client.get(reverse("accounts:profile")).content.decode()
    assert client.get(reverse("wechat:binding_mine")).status_code == 200
    client.post(reverse("wechat:binding_mine"))
    code = QrLogin.objects.get(user=user)
    scan("o_admin", code)
    assert WechatBinding.objects.get(user=user).openid == "o_admin"
    client.post(reverse("wechat:binding_mine_unbind"))
    assert not WechatBinding.objects.exists()


def test_bindings_list_and_admin_unbind_need_permission(client, org, college_admin):
    inside = org["students"]["a1"]
    outside = org["students"]["b1"]
    for n, student in enumerate((inside, outside)):
        student.user = UserFactory(username=f"stu{n}", kind="student")
        student.save()
        actions.bind(student.user, f"o_list_{n}", source=BindingSource.QR)
    client.force_login(UserFactory(permissions=[]))
    assert client.get(reverse("wechat:wechatbinding_list")).status_code == 403
    first = WechatBinding.objects.get(user=inside.user)
    assert client.post(reverse("wechat:wechatbinding_unbind", args=[first.pk])).status_code == 403

    client.force_login(college_admin)
    body = client.get(reverse("wechat:wechatbinding_list")).content.decode()
    assert "stu0" in body and "stu1" not in body  # the student outside the managed majors is not shown
    other = WechatBinding.objects.get(user=outside.user)
    assert client.post(reverse("wechat:wechatbinding_unbind", args=[other.pk])).status_code == 404
    client.post(reverse("wechat:wechatbinding_unbind", args=[first.pk]), {"reason": "换手机"})
    assert not WechatBinding.objects.filter(pk=first.pk).exists()
    entry = OperationLog.objects.get(module="wechat", action="delete")
    assert entry.user == college_admin and "换手机" in entry.message


def test_adviser_list_shows_bound_state(client, school_admin):
    from careers.counseling.setup.models import Adviser

    bound = Adviser.objects.create(user=UserFactory(kind="counselor", name="甲咨询师"))
    Adviser.objects.create(user=UserFactory(kind="counselor", name="乙咨询师"))
    actions.bind(bound.user, "o_adviser", source=BindingSource.QR)
    client.force_login(school_admin)
    body = client.get(reverse("counseling:adviser_list")).content.decode()
    assert body.count('data-wechat="bound"') == 1 and body.count('data-wechat="unbound"') == 1


def test_demo_seed_is_idempotent_and_has_every_status(org):
    import random

    from careers.wechat.binding import demo

    UserFactory(username="20001")
    demo.seed(random.Random(1), [2027])
    demo.seed(random.Random(1), [2027])
    for purpose in QrPurpose:
        assert set(QrLogin.objects.filter(purpose=purpose).values_list("status", flat=True)) == set(QrStatus.values)
    assert WechatBinding.objects.filter(source=BindingSource.DEMO, openid__startswith="o_demo_").exists()


def test_admin_inside_a_student_account_cannot_bind(client, bind_stub, college_admin, org):
    """进入学生账户: the admin's WeChat must never become a way into the student's account."""
    student = org["students"]["a1"]
    student.user = UserFactory(username="imp1", kind="student")
    student.save()
    client.force_login(college_admin)
    session = client.session
    session["operating_year"] = 2027
    session.save()
    response = client.post(reverse("students:account_impersonate", args=[student.pk]))
    assert response["Location"] == reverse("portal:home")
    body = client.post(reverse("wechat_portal:bind")).content.decode()
    assert "管理员进入学生账户时不能绑定微信" in body and not QrLogin.objects.exists()
    assert client.get(reverse("wechat_portal:oauth"))["Location"] == reverse("wechat_portal:bind")
    actions.bind(student.user, "o_student_own", source=BindingSource.QR)
    client.post(reverse("wechat_portal:unbind"))
    assert OperationLog.objects.get(module="wechat", action="delete").user == college_admin


def test_hub_card_and_company_menu(client):
    user = student_user()
    client.force_login(user)
    assert reverse("wechat_portal:bind") in client.get(reverse("accounts:profile")).content.decode()
    body = client.get(reverse("portal:home")).content.decode()
    assert 'id="hub-wechat"' in body and reverse("wechat_portal:bind") in body
    client.force_login(employer_user())
    assert reverse("wechat_company:bind") in client.get(reverse("company:home")).content.decode()
