"""Demo 协议书 (part of careers/employment/demo.py): applications and numbers in every state. Idempotent:
it only runs while no application exists.

- 首次申请: 待审核, 已同意（待打印）, 已打印 (batch "DEMO-1", numbers 2026000001…), 不同意, 已撤回,
  已重置（待重新打印）(its number voided);
- later applications of every type: 违约申请 approved and printed again (the old number voided), 遗失申请
  pending with its uploaded material, 错填/损坏/其他 pending or rejected;
- a number registered in the college mode and one imported (sources 院系登记 / 导入);
- material requirements for each later type, one optional.
"""

import io

from django.db import transaction


def _png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 220, 240)).save(out, "PNG")
    return out.getvalue()


@transaction.atomic
def seed_agreements(rng, years):
    from careers.core.scoping import SYSTEM
    from careers.students.models import Student

    from . import actions
    from .models import (
        AgreementApplication,
        AgreementMode,
        AgreementNumber,
        AgreementSettings,
        ApplicationKind,
        MaterialRequirement,
        NumberSource,
    )

    if AgreementApplication.objects.exists() or not years:
        return
    settings_obj = AgreementSettings.load()
    if not settings_obj.instructions:
        settings_obj.instructions = "协议书审核打印后，请本人携带学生证到就业指导中心（行政楼 201）领取。"
        settings_obj.save()
    requirements = {}
    for position, (kind, name, required) in enumerate([
            ("breach", "原单位解约函", True), ("breach", "新单位接收函", False), ("lost", "遗失声明", True),
            ("misfilled", "错填的原协议书", True), ("damaged", "损坏的原协议书照片", False),
            ("other", "情况说明", True)]):
        requirements[(kind, name)], _ = MaterialRequirement.objects.get_or_create(
            kind=kind, name=name, defaults={"required": required, "position": position})

    # students of both demo colleges first, interleaved, so each college admin sees every state (学号 order:
    # stable per run); then the other colleges' students
    by_college = {}
    for student in Student.objects.filter(graduation_year__in=years).select_related("major__college").order_by(
            "-graduation_year", "student_number")[:400]:
        by_college.setdefault(student.major.college.name, []).append(student)
    info, econ = by_college.pop("信息工程学院", []), by_college.pop("经济管理学院", [])
    pool = [s for pair in zip(info, econ) for s in pair] + info[len(econ):] + econ[len(info):]
    pool += [s for group in by_college.values() for s in group]
    if len(pool) < 13:
        return
    # the demo student login: a printed form and a pending 遗失申请 with its material
    from careers.students.demo import demo_student

    login = demo_student(years)
    if login is not None:
        pool = [s for s in pool if s.pk != login.pk]
        pool.insert(1, login)

    def apply_(student, kind=ApplicationKind.FIRST, reason="", files=None):
        return actions.apply(student, kind=kind, reason=reason, files=files or {})

    # 首次申请 printed in one batch
    printed = [apply_(s) for s in pool[:6]]
    actions.print_batch(printed, batch_label="DEMO-1", start="2026000001", acting_user=SYSTEM)
    # pending, approved, rejected, withdrawn first applications
    apply_(pool[6])
    actions.approve(apply_(pool[7]), acting_user=SYSTEM)
    actions.reject(apply_(pool[8]), acting_user=SYSTEM, reason="学籍信息未完善，请先完善生源信息后再申请。")
    actions.withdraw(apply_(pool[9]), student=pool[9])
    # 重置: printed, then reset (its number voided); waits to be printed again
    reset_me = apply_(pool[10])
    actions.print_batch([reset_me], batch_label="DEMO-2", start="2026000007", acting_user=SYSTEM)
    actions.reset(AgreementApplication.objects.get(pk=reset_me.pk), acting_user=SYSTEM, reason="打印时卡纸，编号错位")
    # later applications of every type (students printed above)
    png = (_png(), "png")
    breach = apply_(pool[0], ApplicationKind.BREACH, "与原单位协商解约，已签新单位。",
                    {requirements[("breach", "原单位解约函")].pk: png})
    actions.approve(breach, acting_user=SYSTEM)  # voids the first number
    actions.print_batch([AgreementApplication.objects.get(pk=breach.pk)], batch_label="DEMO-3",
                        start="2026000008", acting_user=SYSTEM)
    apply_(pool[1], ApplicationKind.LOST, "协议书在搬宿舍时遗失。", {requirements[("lost", "遗失声明")].pk: png})
    apply_(pool[2], ApplicationKind.MISFILLED, "单位名称填错。", {requirements[("misfilled", "错填的原协议书")].pk: png})
    apply_(pool[3], ApplicationKind.DAMAGED, "协议书被水浸湿，字迹模糊。")
    other = apply_(pool[4], ApplicationKind.OTHER, "单位要求重新签订。", {requirements[("other", "情况说明")].pk: png})
    actions.reject(other, acting_user=SYSTEM, reason="情况说明未盖单位公章，请补充后重新申请。")
    # the college mode: a pre-printed form's number registered by the college
    settings_obj.mode = AgreementMode.COLLEGE
    settings_obj.save()
    actions.register_number(apply_(pool[11]), "2026100001", acting_user=SYSTEM)
    settings_obj.mode = AgreementMode.SCHOOL
    settings_obj.save()
    # an imported number (导入协议书编号), without an application
    imported = AgreementNumber(number="2026200001", student=pool[12], source=NumberSource.IMPORTED,
                               batch_label="导入")
    imported.save()
    from ..outcomes.actions import set_agreement_numbers

    set_agreement_numbers({pool[12].pk: imported.number}, acting_user=SYSTEM, message="导入协议书编号（演示）")
