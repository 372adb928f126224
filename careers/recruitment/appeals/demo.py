"""Demo appeals: a few pending 账号申诉 for units the employers seed created (idempotent)."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from ..employers.models import Employer
from .models import AccountAppeal

APPELLANTS = [("李新", "13912345601", "原联系人已离职，原邮箱停用，无法找回密码。"),
              ("周敏", "13912345602", "人事部门调整，原账号管理员联系不上，申请更换联系人。"),
              ("吴昊", "13912345603", "忘记密码且原手机号已注销。")]


def licence_image(name):
    image = Image.new("RGB", (900, 620), (246, 240, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 880, 600), outline=(170, 40, 40), width=6)
    draw.text((60, 80), "BUSINESS LICENCE (demo)", fill=(170, 40, 40))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return ContentFile(out.getvalue(), name="licence.jpg")


def seed(rng, years):
    if AccountAppeal.objects.exists():
        return
    for employer, (person, phone, reason) in zip(Employer.objects.order_by("pk")[:len(APPELLANTS)], APPELLANTS):
        appeal = AccountAppeal(employer=employer, unit_name=employer.name, credit_code=employer.credit_code,
                               contact_person=person, phone=phone, email=f"hr-new{employer.pk}@example.com",
                               reason=reason)
        appeal.licence.save("licence.jpg", licence_image(employer.name), save=False)
        appeal.save()
