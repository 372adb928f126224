from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..dashboard import render_cards
from ..models import UserPreference
from ..public_home import public_home_view
from ..redirects import safe_url


def safe_next(request, fallback="/"):
    return safe_url(request, request.POST.get("next") or request.META.get("HTTP_REFERER") or fallback, fallback)


def home(request):
    """`/`: a signed-in user's own home; an anonymous visitor the public home an app registered (PUBLIC_HOME)."""
    if not request.user.is_authenticated:
        view = public_home_view()
        return view(request) if view is not None else redirect_to_login(request.get_full_path())
    return _user_home(request)


def _user_home(request):
    user = request.user
    if user.kind == user.Kind.STUDENT and hasattr(user, "student"):
        return redirect("portal:home")  # the student centre is a student's home
    if user.kind == user.Kind.EMPLOYER and hasattr(user, "employer"):
        return redirect("company:home")  # the employer portal is a unit's home
    if not user.is_backoffice:
        return render(request, "core/portal_home.html")
    return render(request, "core/home.html", {"cards": render_cards(request)})


@login_required
@require_POST
def set_operating_year(request):
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        return HttpResponseBadRequest("年份无效")
    if not 2000 <= year <= 2100:
        return HttpResponseBadRequest("年份无效")
    request.session["operating_year"] = year
    messages.info(request, f"当前操作年份已切换为 {year} 届。")
    return redirect(safe_next(request))


@login_required
@require_POST
def set_table_columns(request):
    key = request.POST.get("table_key", "")
    if not key.startswith("tables.") or len(key) > 100:
        return HttpResponseBadRequest("参数无效")
    pref, _ = UserPreference.objects.get_or_create(user=request.user)
    if "reset" in request.POST:
        pref.data.pop(key, None)
        pref.save(update_fields=["data"])
    else:
        pref.set(key, request.POST.getlist("columns")[:50])
    return redirect(safe_next(request))
