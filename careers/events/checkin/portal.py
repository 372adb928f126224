"""扫码签到 (签到方式 B) for a logged-in student: the QR on the screen opens this page on the phone.

The signed token in the URL is the proof of presence; it names the event and expires at its end.
Without a 签到口令 the scan itself checks in (one step, answer in well under a second); with one, the
page asks for it (POST with CSRF; wrong guesses are rate limited). Anyone not logged in goes to the
login page and comes back to the same URL, token included.
"""

from django.http import Http404
from django.shortcuts import render

from careers.accounts.portal_access import student_required
from careers.core.ratelimit import hit

from . import actions as rules
from .models import CheckIn
from .registration import KIND_LABELS as registration_labels

PASSPHRASE_TRIES = (10, 300)  # per student and event, per 5 minutes


def token_problem(request, exc, template="events/checkin/portal_invalid.html"):
    return render(request, template, {"message": str(exc), "expired": exc.expired}, status=410 if exc.expired else 400)


@student_required
def checkin(request, student, kind, pk, token):
    try:
        rules.read_token(token, rules.STUDENT_SALT, kind=kind, pk=pk)
    except rules.TokenError as exc:
        return token_problem(request, exc)
    event = rules.get_event(kind, pk)
    if event is None:
        raise Http404
    context = {"event": event, "student": student, "kind_label": registration_labels.get(kind, "活动")}
    if event.checkin_passphrase:
        current = rules.existing_checkin(event, student)
        if current is not None:
            return render(request, "events/checkin/portal_done.html",
                          {**context, "created": False, "message": rules.already_message(current), "checkin": current})
        if request.method != "POST":
            return render(request, "events/checkin/portal_passphrase.html", context)
        limit, window = PASSPHRASE_TRIES
        if not hit(f"checkin-pass:{student.pk}:{kind}:{pk}", limit=limit, window=window):
            return render(request, "events/checkin/portal_passphrase.html",
                          {**context, "error": "签到口令输错次数过多，请 5 分钟后再试。"}, status=429)
        if not rules.passphrase_matches(event, request.POST.get("passphrase")):
            return render(request, "events/checkin/portal_passphrase.html",
                          {**context, "error": "签到口令不正确，请核对现场公布的口令。"}, status=400)
    try:
        checkin, created = rules.check_in(event, student, method=CheckIn.Method.QR)
    except rules.CheckinRefused as exc:
        return render(request, "events/checkin/portal_refused.html", {**context, "message": exc.text,
                                                                       "status": exc.status}, status=403)
    message = rules.MSG_CHECKED_IN if created else rules.already_message(checkin)
    return render(request, "events/checkin/portal_done.html",
                  {**context, "created": created, "message": message, "checkin": checkin})
