"""The unit's side (manual 4.1): public registration at /company/register/, and in the employer portal
the home page (status, what to do next) and 单位信息 (view, edit, own licence)."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from careers.core import ratelimit
from careers.core.dashboard import render_cards
from careers.core.forms import add_action_errors
from careers.core.request_context import client_ip
from careers.core.review import pending_diff
from careers.studentfiles.storage import private_file_response

from . import actions
from .access import employer_required
from .forms import EmployerEditForm, RegistrationForm
from .models import EmployerStatus
from .visits import record_visit

REGISTRATIONS_PER_IP_PER_HOUR = 20  # every POST counts (typos included), per client IP
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}

NEXT_STEPS = {
    EmployerStatus.WAITING: "资料已提交，请等待学校审核（一般 1–3 个工作日）。审核期间可以先发布职位，入驻后经审核才会公开显示。",
    EmployerStatus.REJECTED: "学校未通过贵单位的入驻申请。请按审核意见修改“单位信息”后保存，即可重新提交审核。",
    EmployerStatus.RE_REVIEW: "修改的单位资料正在等待学校复审；复审通过前，网站继续显示已审核的资料。",
    EmployerStatus.ADMITTED: "贵单位已入驻，可以发布职位、查看收到的简历。",
}
STATUS_STYLES = {EmployerStatus.WAITING: "text-bg-warning", EmployerStatus.RE_REVIEW: "text-bg-info",
                 EmployerStatus.ADMITTED: "text-bg-success", EmployerStatus.REJECTED: "text-bg-danger"}


def _limited(request, key, limit, window):
    return not ratelimit.hit(f"{key}:{client_ip(request) or 'unknown'}", limit=limit, window=window)


@require_http_methods(["GET", "POST"])
def register(request):
    """用人单位注册: the account (账号 = 统一社会信用代码) and the 等待审核 record, then into the portal."""
    if request.user.is_authenticated and request.method == "GET":
        if hasattr(request.user, "employer"):
            return redirect("company:home")
    form = RegistrationForm(request.POST or None, request.FILES or None)
    duplicate = False
    if request.method == "POST":
        if _limited(request, "employer-register", REGISTRATIONS_PER_IP_PER_HOUR, 3600):
            form.add_error(None, "注册过于频繁，请一小时后再试。")
        elif form.is_valid():
            try:
                employer = actions.register(form.model_values(), password=form.cleaned_data["password1"],
                                            licence=form.cleaned_data.get("licence"))
            except actions.DuplicateUnit:
                duplicate = True
            else:
                login(request, employer.user, backend="careers.accounts.backends.AccountBackend")
                messages.success(request, f"注册成功！登录账号为统一社会信用代码 {employer.credit_code}，请等待学校审核。")
                return redirect("company:home")
    return render(request, "recruitment/company/register.html", {"form": form, "duplicate": duplicate})


@employer_required
def home(request):
    """单位首页: the unit's review state, then the cards each app contributes to the "company" board
    (new applications since the previous visit, jobs by state, fairs and talks with what is missing, messages)."""
    employer = request.employer
    status = employer.status
    # Read before the cards render: they count what arrived after the previous visit.
    request.company_last_visit, request.company_first_visit = record_visit(request.user)
    return render(request, "recruitment/company/home.html", {
        "employer": employer, "status": status, "status_style": STATUS_STYLES[status],
        "next_step": NEXT_STEPS[status], "diff": pending_diff(employer) if employer.pending_changes else [],
        "cards": render_cards(request, board="company")})


@employer_required
def profile(request):
    employer = request.employer
    return render(request, "recruitment/company/profile.html", {
        "employer": employer, "status": employer.status, "status_style": STATUS_STYLES[employer.status],
        "diff": pending_diff(employer) if employer.pending_changes else []})


@employer_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    employer = request.employer
    initial = EmployerEditForm.initial_of(employer)
    form = EmployerEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            status = actions.update_profile(employer, form.model_values(), licence=form.cleaned_data.get("licence"),
                                            acting_user=request.user)
        except actions.ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, {
                EmployerStatus.RE_REVIEW: "已保存。修改的单位资料将在学校复审通过后公开显示；联系方式已即时生效。",
                EmployerStatus.WAITING: "已保存并提交学校审核。",
            }.get(status, "已保存。"))
            return redirect("company:profile")
    return render(request, "recruitment/company/profile_edit.html", {
        "employer": employer, "form": form, "admitted": employer.admitted_at is not None})


@employer_required
def licence(request):
    """The unit's own licence (its pending replacement with ?pending=1); never another unit's."""
    employer = request.employer
    field = employer.licence
    if request.GET.get("pending") and (employer.pending_changes or {}).get("licence"):
        field = type(field)(employer, field.field, employer.pending_changes["licence"])
    extension = field.name.rsplit(".", 1)[-1].lower() if field else ""
    return private_file_response(field, CONTENT_TYPES.get(extension, "application/octet-stream"),
                                 filename=f"营业执照.{extension}")
