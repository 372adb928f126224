"""Demo 网上签约 (a demo step after every app's data: it needs the demo employers). Idempotent: it only runs
while no online agreement exists. Every state: 草稿, 待单位确认, 单位已退回, 待学校审核, 已签约 (numbered),
学校不同意, 已撤销 — students of both demo colleges, most of them with the demo employer (星辰科技), so the
employer login sees each state it can see; the demo student has a 学校不同意 one (they hold a paper number)."""

import datetime

from django.db import transaction
from django.utils import timezone


@transaction.atomic
def seed(rng, years):
    from careers.codes.models import Code
    from careers.core.demo import demo_credit_code
    from careers.core.scoping import SYSTEM
    from careers.recruitment.employers.models import Employer
    from careers.students.demo import demo_student
    from careers.students.models import Student

    from . import signing
    from .models import AgreementSettings, OnlineAgreement

    if OnlineAgreement.objects.exists() or not years:
        return
    main = Employer.objects.admitted().filter(credit_code=demo_credit_code(1)).first()
    others = list(Employer.objects.admitted().exclude(pk=getattr(main, "pk", None)).order_by("pk")[:2])
    region = Code.objects.of("region").filter(code="420111").first() or Code.objects.of("region").first()
    if main is None or region is None:
        return
    other = others[0] if others else main
    settings_obj = AgreementSettings.load()
    settings_obj.online_signing = True
    settings_obj.save()
    free = list(Student.objects.filter(graduation_year__in=years, agreement_applications__isnull=True,
                                       agreement_numbers__isnull=True, major__college__name__in=[
                                           "信息工程学院", "经济管理学院"]).order_by("-graduation_year",
                                                                               "student_number")[:8])
    if len(free) < 8:
        return
    start = timezone.localdate() + datetime.timedelta(days=90)

    def terms(employer, job, salary):
        return {"employer": employer, "job_title": job, "work_region": region, "contract_period": "3 年",
                "salary": salary, "probation": "6 个月", "start_date": start, "other_terms": "单位提供人才公寓。"}

    def student_user(s):
        return s.user

    # draft (not sent: the unit does not see it)
    signing.save(free[0], terms(main, "前端开发工程师", "月薪 9000 元"), acting_user=student_user(free[0]))
    # waiting for the unit
    signing.save(free[1], terms(main, "测试工程师", "月薪 8500 元"), submit=True, acting_user=student_user(free[1]))
    # returned by the unit
    returned = signing.save(free[2], terms(main, "数据分析师", "月薪 8000 元"), submit=True)
    signing.employer_decline(returned, employer=main, reason="岗位名称应为“数据分析岗”，请修改后重新提交。",
                             acting_user=main.user)
    # waiting for the school
    waiting = signing.save(free[3], terms(main, "财务专员", "月薪 7000 元"), submit=True)
    signing.employer_confirm(waiting, employer=main, contact=main.contact_person, phone=main.phone,
                             acting_user=main.user)
    # signed, numbered (a series of its own)
    signed = signing.save(free[4], terms(main, "后端开发工程师", "年薪 15 万元"), submit=True)
    signing.employer_confirm(signed, employer=main, contact=main.contact_person, phone=main.phone,
                             acting_user=main.user)
    signing.approve(signed, acting_user=SYSTEM, start="WQ2026000001")
    # rejected by the school
    rejected = signing.save(free[5], terms(other, "市场专员", "月薪 6000 元"), submit=True)
    signing.employer_confirm(rejected, employer=other, contact=other.contact_person, phone=other.phone,
                             acting_user=other.user)
    signing.reject(rejected, acting_user=SYSTEM, reason="工作地点与单位注册地不一致，请核实后重新签约。")
    # cancelled by the student after sending
    cancelled = signing.save(free[6], terms(other, "运营助理", "月薪 6500 元"), submit=True)
    signing.cancel(cancelled, student=free[6])
    # the demo student (who holds a paper number): a 学校不同意 one, written as the steps would have
    login = demo_student(years)
    if login is not None:
        now = timezone.now()
        OnlineAgreement.objects.create(
            student=login, employer=main, status="rejected", **{k: v for k, v in terms(
                main, "软件工程师", "月薪 10000 元").items() if k != "employer"},
            submitted_at=now - datetime.timedelta(days=3), employer_contact=main.contact_person,
            employer_phone=main.phone, employer_confirmed_at=now - datetime.timedelta(days=2),
            employer_confirmed_by=main.user, approved_at=now - datetime.timedelta(days=1),
            school_note="您已领取纸质协议书（编号使用中），请先办理违约申请后再网上签约。")
