"""The student hub (/me/) card of 协议书 (the state of the latest application, a link to apply) and the employer
portal home card of 网上签约 (agreements waiting for the unit)."""

from .models import AgreementApplication


def agreement_card(request):
    student = getattr(request, "student", None)
    if student is None:
        return None
    latest = AgreementApplication.objects.filter(student=student).select_related("number").order_by(
        "-submitted_at", "-pk").first()
    return {"latest": latest}


def company_signing_card(request):
    """单位首页: the 网上签约 waiting for the unit's confirmation (nothing shown when none is)."""
    from .models import OnlineAgreement, SigningStatus

    employer = getattr(request, "employer", None)
    if employer is None or not employer.is_admitted:
        return None
    waiting = list(OnlineAgreement.objects.filter(employer=employer, status=SigningStatus.EMPLOYER)
                   .select_related("student__major__college").order_by("submitted_at", "pk")[:6])
    return {"rows": waiting[:5], "more": len(waiting) > 5} if waiting else None
