"""提醒设置 (/me/wechat/reminders/): the student's own six switches, saved with a confirmation; the WeChat binding
state and where reminders go; only for the student themself (anonymous → login, employers and staff → 403);
linked from 我的 and the hub (whose query count stays bounded)."""

import pytest
from django.urls import NoReverseMatch, reverse

from careers.core.models import OperationLog
from careers.wechat.binding.models import WechatBinding
from careers.wechat.reminders.models import ReminderPreference
from careers.wechat.reminders.prefs import FIELDS
from tests.factories import EmployerFactory
from tests.students.accounts_support import accounts, me, private_media  # noqa: F401
from tests.wechat.reminders_support import no_wechat_channel, wechat_channel  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/me/wechat/reminders/"


def page(client):
    response = client.get(reverse("wechat_portal:reminders"))
    assert response.status_code == 200
    return response


def posted(**values):
    """The form's POST: a checkbox is sent only when on."""
    return {name: "on" for name, on in values.items() if on}


def test_the_url_and_the_defaults(client, me):  # noqa: F811
    assert reverse("wechat_portal:reminders") == URL
    response = page(client)
    body = response.content.decode()
    for label in ("就业活动提醒", "宣讲会提醒", "招聘会提醒", "每日宣讲会提醒", "职位匹配推送", "投递状态提醒"):
        assert label in body
    form = response.context["form"]
    assert {name: form[name].value() for name in FIELDS} == {
        "career_events": True, "talks": True, "fairs": True, "daily_talks": False, "job_matches": True,
        "application_updates": True}
    assert not ReminderPreference.objects.exists()  # reading writes nothing


def test_round_trip_with_a_confirmation(client, me):  # noqa: F811
    choice = {"career_events": True, "talks": False, "fairs": True, "daily_talks": True, "job_matches": False,
              "application_updates": True}
    response = client.post(URL, posted(**choice), follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "提醒设置已保存" in response.content.decode()
    saved = ReminderPreference.objects.get(user_id=me.user_id)
    assert {name: getattr(saved, name) for name in FIELDS} == choice
    assert {name: response.context["form"][name].value() for name in FIELDS} == choice
    # posted back unchanged (the demo walk does this): still one row, same values
    client.post(URL, posted(**choice))
    assert ReminderPreference.objects.filter(user_id=me.user_id).count() == 1
    # everything off
    client.post(URL, {})
    saved.refresh_from_db()
    assert not any(getattr(saved, name) for name in FIELDS)


def test_binding_state_and_where_reminders_go(client, me, wechat_channel):  # noqa: F811
    body = page(client).content.decode()
    assert 'data-bound="0"' in body and "尚未绑定微信" in body and "站内消息" in body
    try:
        bind = reverse("wechat_portal:bind")
    except NoReverseMatch:
        bind = None
    if bind:
        assert f'href="{bind}"' in body
    else:
        assert 'id="wechat-reminders-bind"' not in body
    WechatBinding.objects.create(user_id=me.user_id, openid="o-test-openid-1", nickname="小明")
    body = page(client).content.decode()
    assert 'data-bound="1"' in body and "微信已绑定（小明）" in body and "发送到你的微信" in body
    assert 'id="wechat-reminders-bind"' not in body
    WechatBinding.objects.filter(user_id=me.user_id).update(subscribed=False)
    assert "取消关注" in page(client).content.decode()


def test_bound_but_no_wechat_channel_says_inbox_only(client, me, no_wechat_channel):  # noqa: F811
    WechatBinding.objects.create(user_id=me.user_id, openid="o-test-openid-2")
    assert "学校暂未开通微信消息" in page(client).content.decode()


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    response = client.post(URL, {"talks": "on"})
    assert response.status_code == 302 and not ReminderPreference.objects.exists()


def test_employers_and_staff_are_refused(client, school_admin):
    employer = EmployerFactory(admitted=True)
    for user in (employer.user, school_admin):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"talks": "on"}).status_code == 403
    assert not ReminderPreference.objects.exists()


def test_a_student_changes_only_their_own(client, me, accounts):  # noqa: F811
    other = accounts["b1"]
    ReminderPreference.objects.create(user_id=other.user_id, talks=True, daily_talks=True)
    client.post(URL, posted(daily_talks=True))
    assert ReminderPreference.objects.get(user_id=other.user_id).talks is True
    assert ReminderPreference.objects.get(user_id=me.user_id).talks is False


def test_an_admin_inside_the_account_is_logged(client, college_admin, accounts):  # noqa: F811
    client.force_login(college_admin)
    session = client.session
    session["operating_year"] = 2027
    session.save()
    client.post(reverse("students:account_impersonate", args=[accounts["a1"].pk]))
    client.post(URL, posted(career_events=True, fairs=True, job_matches=True, application_updates=True))
    log = OperationLog.objects.filter(message__contains="修改微信提醒设置").get()
    assert log.user == college_admin and log.changes["宣讲会提醒"] == ["开启", "关闭"]


def test_linked_from_my_page_and_the_hub(client, me):  # noqa: F811
    mine = client.get(reverse("portal:profile")).content.decode()
    assert f'href="{URL}"' in mine and 'id="portal-wechat-reminders"' in mine
    hub = client.get(reverse("portal:home")).content.decode()
    assert 'id="hub-wechat-reminders"' in hub and "尚未绑定微信" in hub
    assert "已开启：就业活动、宣讲会、招聘会、职位匹配、投递状态" in hub
    ReminderPreference.objects.create(user_id=me.user_id, **{name: False for name in FIELDS})
    assert "你已关闭全部提醒" in client.get(reverse("portal:home")).content.decode()


def test_demo_gives_every_combination_and_is_idempotent(accounts):  # noqa: F811
    import random

    from careers.students.demo import demo_student
    from careers.wechat.reminders import demo

    years = (2026, 2027)
    combos = demo.combinations()
    assert len(combos) == 64 and combos[0]["daily_talks"] is True
    demo.seed(random.Random(1), years)
    demo.seed(random.Random(1), years)
    rows = ReminderPreference.objects.all()
    assert rows.count() == min(64, len(accounts))
    first = rows.get(user_id=demo_student(years).user_id)
    assert first.daily_talks and first.talks and first.job_matches
    assert rows.filter(**{name: False for name in FIELDS}).exists()  # 全部关闭
