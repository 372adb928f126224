"""Demo bindings (source=demo, openids "o_demo_…"): a few students, an employer, a college admin and an adviser;
QR codes (bind and login) in every status. Idempotent."""

import datetime

from django.utils import timezone

STATUSES = ("waiting", "scanned", "done", "used", "refused", "expired")


def seed(rng, years):
    from careers.accounts.models import User
    from careers.core.demo import demo_credit_code

    from .models import BindingSource, QrLogin, QrPurpose, WechatBinding

    users = list(User.objects.filter(kind=User.Kind.STUDENT, is_active=True).order_by("pk")[1:4])
    users += list(User.objects.filter(username__in=[demo_credit_code(2), "20001", "50001"]).order_by("pk"))
    for n, user in enumerate(users, start=1):
        if not WechatBinding.objects.filter(user=user).exists():
            WechatBinding.objects.get_or_create(openid=f"o_demo_{user.username}"[:64], defaults={
                "user": user, "nickname": f"{user.name or user.username}的微信", "source": BindingSource.DEMO,
                "subscribed": n % 4 != 0})
    now = timezone.now()
    owner = users[0] if users else None
    for purpose in QrPurpose:
        for status in STATUSES:
            past = status in ("expired", "used", "refused")
            QrLogin.objects.get_or_create(scene=f"cc{purpose.value[0]}_demo_{status}", defaults={
                "purpose": purpose, "token": f"demo-{purpose.value}-{status}-{rng.randrange(10**12):012d}",
                "ticket": f"demo-ticket-{purpose.value}-{status}", "qr_url": f"http://weixin.qq.com/q/demo{status}",
                "user": owner if purpose == QrPurpose.BIND or status in ("done", "used") else None,
                "openid": "" if status in ("waiting", "expired") else f"o_demo_scan_{status}",
                "status": status, "note": "演示数据",
                "expires_at": now + (datetime.timedelta(minutes=-10) if past else datetime.timedelta(minutes=5))})
