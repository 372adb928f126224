"""Public pages of the account appeal: the 账号申诉 form and the e-mailed reset-password link.

Both are open to anyone (the unit has lost its account). The form is rate-limited per IP, and
its "unit not found" answer never says whether the credit code or the name was wrong.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from careers.accounts.forms import SetPasswordForm
from careers.core.ratelimit import hit
from careers.core.request_context import client_ip
from careers.core.sms import mask_phone

from . import actions
from .forms import AppealForm

APPEALS_PER_IP_PER_HOUR = 10
RATE_LIMITED = "提交过于频繁：同一网络每小时最多提交 {limit} 次申诉，请稍后再试，或直接联系学校就业指导中心。"


def appeal(request):
    form = AppealForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not hit(f"appeal-ip:{client_ip(request)}", limit=APPEALS_PER_IP_PER_HOUR, window=3600):
            return render(request, "recruitment/company/appeal.html",
                          {"form": AppealForm(initial=request.POST.dict()),
                           "error": RATE_LIMITED.format(limit=APPEALS_PER_IP_PER_HOUR)}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            employer = actions.find_employer(data["unit_name"], data["credit_code"])
            if employer is None:
                form.add_error(None, actions.NOT_FOUND)
            else:
                try:
                    record = actions.submit_appeal(employer, unit_name=data["unit_name"],
                                                   credit_code=data["credit_code"],
                                                   contact_person=data["contact_person"], phone=data["phone"],
                                                   email=data["email"], licence=data["licence"],
                                                   reason=data["reason"])
                except actions.AppealError as exc:
                    form.add_error(None, exc.message)
                else:
                    request.session["appeal_done"] = {"unit": record.unit_name, "email": record.email,
                                                      "phone": mask_phone(record.phone)}
                    return redirect("company:appeal_done")
    return render(request, "recruitment/company/appeal.html", {"form": form})


def appeal_done(request):
    done = request.session.get("appeal_done")
    if not done:
        return redirect("company:appeal")
    return render(request, "recruitment/company/appeal_done.html", {"done": done})


@never_cache
def reset(request, token):
    """/company/reset/<token>/: the appellant sets the account's new password, once."""
    try:
        link = actions.check_reset_link(token)
    except actions.ResetLinkError as exc:
        return _link_error(request, exc)
    form = SetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.reset_password_with_link(token, form.cleaned_data["new_password1"])
        except actions.ResetLinkError as exc:  # used or expired while the form was open
            return _link_error(request, exc)
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            messages.success(request, f"新密码已设置，请使用账号 {user.username} 和新密码登录。")
            return redirect("accounts:login")
    return render(request, "recruitment/company/reset.html", {"form": form, "link": link})


def _link_error(request, exc):
    status = 404 if exc.kind == exc.UNKNOWN else 410
    return render(request, "recruitment/company/reset_invalid.html", {"error": exc}, status=status)
