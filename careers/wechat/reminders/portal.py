"""提醒设置 (/me/wechat/reminders/): the student chooses which reminders they receive (manual 8: 就业活动、宣讲会、
招聘会 the day before, 每日宣讲会提醒) and whether matched jobs and application status changes also go to WeChat.

Only the signed-in student's own setting (no id in the URL); employers and staff are refused by
`student_required`. While an admin is inside the account, the change is also logged under the admin.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from careers.accounts.portal_access import audit_impersonated_write, student_required

from .forms import ReminderPreferenceForm
from .models import ReminderPreference
from .prefs import FIELDS, preference_for, wechat_registered


def bind_url():
    """The bind page (binding area), or "" while it does not exist."""
    try:
        return reverse("wechat_portal:bind")
    except NoReverseMatch:
        return ""


def binding_of(user):
    try:
        return user.wechat_binding
    except ObjectDoesNotExist:
        return None


@student_required
def reminders(request, student):
    preference = preference_for(request.user)
    before = {name: getattr(preference, name) for name in FIELDS}
    form = ReminderPreferenceForm(request.POST if request.method == "POST" else None, instance=preference,
                                  user=request.user)  # all switches off is an empty POST, still a save
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # update_or_create: two first saves at once (two tabs) still leave one row
            ReminderPreference.objects.update_or_create(
                user=request.user, defaults={name: form.cleaned_data[name] for name in FIELDS})
            audit_impersonated_write(request, student, "修改微信提醒设置", form.changes(before))
        messages.success(request, "提醒设置已保存。")
        return redirect("wechat_portal:reminders")
    binding = binding_of(request.user)
    return render(request, "wechat/reminders/portal/settings.html", {
        "student": student, "form": form, "binding": binding, "bind_url": bind_url(),
        "wechat_on": wechat_registered()})
