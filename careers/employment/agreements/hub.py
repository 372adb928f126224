"""The student hub (/me/) card of 协议书: the state of the latest application, a link to apply."""

from .models import AgreementApplication


def agreement_card(request):
    student = getattr(request, "student", None)
    if student is None:
        return None
    latest = AgreementApplication.objects.filter(student=student).select_related("number").order_by(
        "-submitted_at", "-pk").first()
    return {"latest": latest}
