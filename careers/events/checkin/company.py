"""单位签到 at a fair: the unit's staff scan the fair's unit QR (a second QR, signed with its own salt)
while logged in to the unit account; a confirmed participating unit is marked checked in once."""

from django.http import Http404
from django.shortcuts import render

from careers.recruitment.employers.access import admitted_required

from ..models import Fair
from . import actions as rules


@admitted_required
def checkin(request, pk, token):
    try:
        rules.read_token(token, rules.UNIT_SALT, kind="fair", pk=pk)
    except rules.TokenError as exc:
        return render(request, "events/checkin/company_result.html", {"error": str(exc), "expired": exc.expired},
                      status=410 if exc.expired else 400)
    fair = Fair.objects.filter(pk=pk).first()
    if fair is None:
        raise Http404
    try:
        participation, created = rules.unit_check_in(fair, request.employer)
    except rules.CheckinRefused as exc:
        return render(request, "events/checkin/company_result.html", {"fair": fair, "error": exc.text}, status=403)
    booths = [b.code for b in participation.booths.all()]
    return render(request, "events/checkin/company_result.html", {
        "fair": fair, "participation": participation, "created": created, "booths": booths,
        "time": rules.hhmm(participation.checked_in_at)})
