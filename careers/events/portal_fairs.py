"""Student 报名 / 取消报名 for a fair (POST from the public fair page; CSRF). The rules are the shared
ones in registration.py; a GET (e.g. after logging in) goes back to the fair page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from careers.core.views.generic import error_text
from careers.studentfiles.portal import student_view

from . import registration
from .site_fairs import visible_fairs


def _fair_or_back(pk):
    return visible_fairs().filter(pk=pk).first()


@student_view
def fair_register(request, pk):
    back = redirect("site_events:fair_detail", pk=pk)
    fair = _fair_or_back(pk)
    if fair is None:
        messages.error(request, "招聘会不存在或尚未对外发布。")
        return redirect("site_events:fair_list")
    if request.method != "POST":
        return back
    try:
        _, created = registration.register(request.student, fair)
    except ValidationError as exc:
        messages.error(request, "报名未成功：" + error_text(exc))
    else:
        messages.success(request, f"已报名招聘会“{fair}”。" if created else f"您已报名过招聘会“{fair}”。")
    return back


@student_view
def fair_cancel(request, pk):
    back = redirect("site_events:fair_detail", pk=pk)
    fair = _fair_or_back(pk)
    if fair is None:
        messages.error(request, "招聘会不存在或尚未对外发布。")
        return redirect("site_events:fair_list")
    if request.method != "POST":
        return back
    try:
        removed = registration.cancel(request.student, fair)
    except ValidationError as exc:
        messages.error(request, "未能取消报名：" + error_text(exc))
    else:
        messages.success(request, "已取消报名。" if removed else "您尚未报名该招聘会。")
    if request.POST.get("next") == reverse("portal_events:my_events"):  # cancelled from 我的报名
        return redirect("portal_events:my_events")
    return back
