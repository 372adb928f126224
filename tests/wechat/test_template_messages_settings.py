"""消息模板设置: school admins only, validated field mapping with Chinese errors naming the field, logged saves,
测试发送 to one's own bound WeChat (unbound: say so; WeChat's error shown in Chinese)."""

import pytest
from django.urls import reverse

from careers.core.models import OperationLog
from careers.wechat.api import client as api_client
from careers.wechat.binding.models import WechatBinding
from careers.wechat.template_messages import kinds
from careers.wechat.template_messages.forms import parse_mapping
from careers.wechat.template_messages.models import TemplateSetting

pytestmark = pytest.mark.django_db

LIST = "wechat:templatesetting_list"


def edit_url(kind=kinds.REVIEW):
    return reverse("wechat:templatesetting_edit", args=[kind])


def test_list_shows_every_kind_with_its_industry(client, school_admin):
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="TPL_A", enabled=True)
    client.force_login(school_admin)
    body = client.get(reverse(LIST)).content.decode()
    for kind in kinds.KINDS.values():
        assert kind.label in body
    assert "教育/院校" in body and "IT科技/互联网|电子商务" in body and "TPL_A" in body


def test_college_admins_cannot_see_or_change(client, college_admin):
    client.force_login(college_admin)
    assert client.get(reverse(LIST)).status_code == 403
    assert client.post(edit_url(), {"template_id": "X", "enabled": "on", "mapping": "first = {subject}"}
                       ).status_code == 403
    assert not TemplateSetting.objects.exists()


def test_unknown_kind_is_404(client, school_admin):
    client.force_login(school_admin)
    assert client.get(edit_url("no_such_kind")).status_code == 404


def test_save_creates_the_row_and_logs_it(client, school_admin):
    client.force_login(school_admin)
    response = client.post(edit_url(), {"template_id": "TPL-review_1", "enabled": "on",
                                        "mapping": "first = {subject}\nkeyword1.DATA = {recipient}\n\nremark = 请查看"})
    assert response.status_code == 302
    setting = TemplateSetting.objects.get(kind=kinds.REVIEW)
    assert setting.template_id == "TPL-review_1" and setting.enabled
    assert setting.fields == {"first": "{subject}", "keyword1": "{recipient}", "remark": "请查看"}
    log = OperationLog.objects.filter(module="wechat", object_type="wechat.templatesetting").latest("pk")
    assert "审核结果" in log.message and log.changes["template_id"] == ["", "TPL-review_1"]


@pytest.mark.parametrize("mapping, error", [
    ("first = {nope}", "{nope}"),
    ("Keyword1 = {subject}", "Keyword1"),
    ("keyword1 {subject}", "缺少“=”"),
    ("first = a\nfirst = b", "“first”重复"),
    ("", "请填写模板字段"),
])
def test_mapping_errors_name_the_field(client, school_admin, mapping, error):
    client.force_login(school_admin)
    response = client.post(edit_url(), {"template_id": "T1", "enabled": "on", "mapping": mapping})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not TemplateSetting.objects.exists()


def test_template_id_rules(client, school_admin):
    client.force_login(school_admin)
    bad = client.post(edit_url(), {"template_id": "有 空格", "enabled": "on", "mapping": "first = {subject}"})
    assert bad.status_code == 400 and "模板ID只能包含" in bad.content.decode()
    missing = client.post(edit_url(), {"template_id": "", "enabled": "on", "mapping": "first = {subject}"})
    assert missing.status_code == 400 and "启用模板消息时必须填写模板ID" in missing.content.decode()
    assert client.post(edit_url(), {"template_id": "", "mapping": "first = {subject}"}).status_code == 302


def test_parse_mapping_accepts_the_new_typed_fields():
    assert parse_mapping("thing1.DATA = {subject}\ntime2 = {time}\ncharacter_string3 = {link}") == {
        "thing1": "{subject}", "time2": "{time}", "character_string3": "{link}"}


class FakeApi:
    def __init__(self, error=None):
        self.calls, self.error = [], error

    def send_template(self, openid, template_id, data, url=""):
        if self.error:
            raise self.error
        self.calls.append((openid, template_id, data, url))
        return 123456


def test_test_send_goes_to_the_admins_own_wechat(client, school_admin, monkeypatch, settings):
    settings.SITE_URL = "https://careers.example.edu.cn"
    fake = FakeApi()
    monkeypatch.setattr(api_client, "api", lambda: fake)
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="TPL_A", enabled=True,
                                   fields={"first": "{subject}", "keyword1": "{recipient}"})
    WechatBinding.objects.create(user=school_admin, openid="o-admin")
    client.force_login(school_admin)
    response = client.post(reverse("wechat:templatesetting_test", args=[kinds.REVIEW]), follow=True)
    assert "已向您绑定的微信发送“审核结果”测试消息" in response.content.decode()
    openid, template_id, data, url = fake.calls[0]
    assert (openid, template_id) == ("o-admin", "TPL_A")
    assert data["keyword1"] == {"value": "校级管理员"} and url.startswith("https://careers.example.edu.cn/")
    assert OperationLog.objects.filter(module="wechat", message__contains="测试发送").exists()


def test_test_send_unbound_says_so(client, school_admin, monkeypatch):
    fake = FakeApi()
    monkeypatch.setattr(api_client, "api", lambda: fake)
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="TPL_A", enabled=True)
    client.force_login(school_admin)
    body = client.post(reverse("wechat:templatesetting_test", args=[kinds.REVIEW]), follow=True).content.decode()
    assert "尚未绑定微信" in body and "管理员绑定" in body and not fake.calls


def test_test_send_shows_wechats_error_in_chinese(client, school_admin, monkeypatch):
    monkeypatch.setattr(api_client, "api", lambda: FakeApi(api_client.WechatError("invalid template_id",
                                                                                  code=40037, permanent=True)))
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="TPL_A", enabled=True)
    WechatBinding.objects.create(user=school_admin, openid="o-admin")
    client.force_login(school_admin)
    body = client.post(reverse("wechat:templatesetting_test", args=[kinds.REVIEW]), follow=True).content.decode()
    assert "测试发送失败：模板ID无效" in body and "40037" in body
    # not configured at all: the stub's own error
    monkeypatch.undo()
    body = client.post(reverse("wechat:templatesetting_test", args=[kinds.REVIEW]), follow=True).content.decode()
    assert "微信服务号尚未配置" in body


def test_test_send_needs_a_template_id(client, school_admin):
    client.force_login(school_admin)
    body = client.post(reverse("wechat:templatesetting_test", args=[kinds.JOB_MATCH]), follow=True).content.decode()
    assert "尚未填写模板ID" in body
