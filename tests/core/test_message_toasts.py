"""Django messages: success/info as toasts (role=status, in an aria-live stack, hidden by careers.js after a few
seconds), errors/warnings as persistent alerts; the text is in the page either way."""

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test.html import parse_html


def rendered(*pairs):
    return parse_html(render_to_string(
        "core/includes/messages.html", {"messages": [Message(level, text) for level, text in pairs]}))


def walk(node):
    for child in getattr(node, "children", []):
        if not isinstance(child, str):
            yield child
            yield from walk(child)


def attr(el, name):
    return dict(el.attributes).get(name) or ""


def text(el):
    return "".join(c if isinstance(c, str) else text(c) for c in el.children).strip()


def select(root, predicate):
    return [el for el in walk(root) if predicate(el)]


def test_success_and_info_are_toasts_errors_and_warnings_stay_alerts():
    doc = rendered((messages.SUCCESS, "专业已保存。"), (messages.INFO, "已切换年份。"),
                   (messages.ERROR, "保存失败。"), (messages.WARNING, "请注意截止时间。"))
    [stack] = select(doc, lambda el: attr(el, "id") == "toasts")
    assert attr(stack, "aria-live") == "polite"
    toasts = select(stack, lambda el: "data-result-toast" in dict(el.attributes))
    assert [text(t) for t in toasts] == ["专业已保存。", "已切换年份。"]
    assert all(attr(t, "role") == "status" and "show" in attr(t, "class").split() for t in toasts)
    alerts = select(doc, lambda el: "alert" in attr(el, "class").split())
    assert [text(a) for a in alerts] == ["保存失败。", "请注意截止时间。"]
    assert [attr(a, "role") for a in alerts] == ["alert", "alert"]
    assert "alert-danger" in attr(alerts[0], "class") and "alert-warning" in attr(alerts[1], "class")
    assert not select(stack, lambda el: "alert" in attr(el, "class").split())


def test_no_messages_no_markup():
    assert render_to_string("core/includes/messages.html", {"messages": []}).strip() == ""


def test_login_page_after_logout_shows_the_toast(client, django_user_model):
    user = django_user_model.objects.create_user(username="t1", password="x-Secret-123")
    client.force_login(user)
    page = client.post("/accounts/logout/", follow=True).content.decode()
    assert "您已安全退出" in page and "data-result-toast" in page
