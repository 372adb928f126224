"""Demo data for `make run`: one school, 2 campuses, 8 colleges, 40 majors, 2,000 students.

Deterministic (fixed random seed) so screenshots and walkthroughs are repeatable.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from stdnum.cn import ric, uscc

from careers.accounts.models import RoleTemplate, User
from careers.codes.models import Code
from careers.core.permissions import registry
from careers.org.models import Campus, College, Department, Major
from careers.students.actions import create_students
from careers.students.models import Student

CAMPUSES = ["主校区", "南湖校区"]
# college -> (campus index, [(education level code, major name, catalogue code, discipline, duration)])
COLLEGES = {
    "信息工程学院": (0, [("31", "计算机科学与技术", "080901", "08", "4"), ("31", "软件工程", "080902", "08", "4"),
                   ("31", "网络工程", "080903", "08", "4"), ("31", "数据科学与大数据技术", "080910T", "08", "4"),
                   ("11", "计算机科学与技术", "0812", "08", "3")]),
    "经济管理学院": (0, [("31", "经济学", "020101", "02", "4"), ("31", "国际经济与贸易", "020401", "02", "4"),
                   ("31", "会计学", "120203K", "12", "4"), ("31", "市场营销", "120202", "12", "4"),
                   ("41", "大数据与会计", "530302", "12", "3")]),
    "机械工程学院": (1, [("31", "机械设计制造及其自动化", "080202", "08", "4"), ("31", "车辆工程", "080207", "08", "4"),
                   ("31", "工业设计", "080205", "08", "4"), ("31", "材料成型及控制工程", "080203", "08", "4"),
                   ("41", "机电一体化技术", "460301", "08", "3")]),
    "外国语学院": (0, [("31", "英语", "050201", "05", "4"), ("31", "日语", "050207", "05", "4"),
                  ("31", "翻译", "050261", "05", "4"), ("31", "商务英语", "050262", "05", "4"),
                  ("11", "外国语言文学", "0502", "05", "3")]),
    "化学化工学院": (1, [("31", "化学", "070301", "07", "4"), ("31", "应用化学", "070302", "07", "4"),
                   ("31", "化学工程与工艺", "081301", "08", "4"), ("31", "制药工程", "081302", "08", "4"),
                   ("11", "化学", "0703", "07", "3")]),
    "文学与新闻传播学院": (0, [("31", "汉语言文学", "050101", "05", "4"), ("31", "新闻学", "050301", "05", "4"),
                      ("31", "广告学", "050303", "05", "4"), ("31", "网络与新媒体", "050306T", "05", "4"),
                      ("31", "秘书学", "050107T", "05", "4")]),
    "数学与统计学院": (0, [("31", "数学与应用数学", "070101", "07", "4"), ("31", "统计学", "071201", "07", "4"),
                    ("31", "信息与计算科学", "070102", "07", "4"), ("31", "应用统计学", "071202", "07", "4"),
                    ("11", "数学", "0701", "07", "3")]),
    "艺术设计学院": (1, [("31", "视觉传达设计", "130502", "13", "4"), ("31", "环境设计", "130503", "13", "4"),
                   ("31", "产品设计", "130504", "13", "4"), ("31", "数字媒体艺术", "130508", "13", "4"),
                   ("41", "室内艺术设计", "550106", "13", "3")]),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "子涵欣怡梓轩浩然一诺雨桐宇轩思远佳怡俊杰晨曦嘉豪婉婷志强海洋晓东丽娟明辉文博雅琪天佑诗涵若曦梦瑶家乐振华建国鹏飞"

DEMO_PASSWORD = "Careers#2026"
def college_admin_permissions():
    """Everything a level-2 admin may hold (school-only codes are refused anyway)."""
    from careers.accounts.models import is_school_only

    return sorted(code for code in registry.all_codes() if not is_school_only(code))


def counselor_permissions():
    """Read-only access to the student-records module."""
    students_module = registry.modules["students"]
    return sorted(item.code for item in (*students_module.menus, *students_module.actions)
                  if item.code.endswith(".view") and not item.derived)


def code(kind, value):
    return Code.objects.of(kind).get(code=value)


def _given(rng):
    return "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _id_number(rng, county_codes, birth_year, female):
    birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
    seq = rng.randrange(0, 50) * 2 + (0 if female else 1)
    body = f"{rng.choice(county_codes)}{birth:%Y%m%d}{rng.randrange(10)}{seq:02d}"[:17]
    return body + ric.calc_check_digit(body + "?")  # stdnum takes the full number with a placeholder


def demo_credit_code(serial):
    body = f"91110108{serial:09d}"
    return body + uscc.calc_check_digit(body)


@transaction.atomic
def build_demo(students_per_year=1000, years=(2026, 2027), seed=2026):
    rng = random.Random(seed)
    campuses = [Campus.objects.get_or_create(name=name, defaults={"sort": i})[0] for i, name in enumerate(CAMPUSES)]
    durations = {c.code: c for c in Code.objects.of("duration")}
    disciplines = {c.code: c for c in Code.objects.of("discipline")}
    levels = {c.code: c for c in Code.objects.of("education_level")}
    majors = []
    for sort, (college_name, (campus_index, specs)) in enumerate(COLLEGES.items()):
        college, _ = College.objects.get_or_create(name=college_name, defaults={"sort": sort, "code": f"{sort + 1:02d}"})
        department, _ = Department.objects.get_or_create(college=college, name=f"{college_name[:2]}系")
        for level, name, major_code, discipline, duration in specs:
            major, _ = Major.objects.get_or_create(
                education_level=levels[level], name=name, campus=campuses[campus_index], college=college,
                department=department if level == "31" else None, specialization="",
                defaults={"major_code": major_code, "duration": durations[duration],
                          "discipline": disciplines[discipline]})
            majors.append(major)

    regions = {c.code: c for c in Code.objects.of("region").filter(level=3)}
    counties = list(regions)
    ethnicities = {c.code: c for c in Code.objects.of("ethnicity")}
    political = {c.code: c for c in Code.objects.of("political_status")}
    training = {c.code: c for c in Code.objects.of("training_mode")}
    counties = counties or ["110105"]
    existing = set(Student.objects.values_list("student_number", flat=True))
    batch = []
    for year in years:
        for index in range(students_per_year):
            major = majors[index % len(majors)]
            enrolment = year - int(float(major.duration.code) + 0.5)
            number = f"{enrolment}{index + 1:06d}"
            if number in existing:
                continue
            female = rng.random() < 0.5
            id_number = _id_number(rng, counties, year - 22, female)
            batch.append(Student(
                student_number=number, name=rng.choice(SURNAMES) + _given(rng),
                gender=Student.Gender.FEMALE if female else Student.Gender.MALE,
                id_number=id_number, graduation_year=year,
                enrolment_year=enrolment, major=major,
                phone=f"1{rng.choice('3578')}{rng.randrange(10 ** 9):09d}",
                ethnicity=ethnicities["01"] if rng.random() < 0.9 else rng.choice(list(ethnicities.values())),
                political_status=political[rng.choice(["03", "03", "03", "01", "02", "13"])],
                origin_region=regions.get(id_number[:6]), training_mode=training["1"]))
    create_students(batch)

    template, _ = RoleTemplate.objects.update_or_create(
        name="学院管理员", defaults={"description": "二级管理员常用权限", "permissions": college_admin_permissions()})
    RoleTemplate.objects.update_or_create(
        name="辅导员", defaults={"description": "查看所带专业学生", "permissions": counselor_permissions()})

    accounts = []

    def account(username, name, kind, permissions=(), managed=(), **extra):
        user, created = User.objects.get_or_create(username=username, defaults={"name": name, "kind": kind, **extra})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.must_change_password = False
            user.set_permissions(permissions)
            user.save()
            if managed:
                user.managed_majors.set(managed)
        accounts.append(user)
        return user

    account("10001", "张主任", User.Kind.SCHOOL_ADMIN, is_superuser=True, office="就业指导中心")
    info = [m for m in majors if m.college.name == "信息工程学院"]
    econ = [m for m in majors if m.college.name == "经济管理学院"]
    account("20001", "李老师", User.Kind.COLLEGE_ADMIN, template.permissions, info, office="信息工程学院")
    account("20002", "王老师", User.Kind.COLLEGE_ADMIN, template.permissions, econ, office="经济管理学院")
    account("30001", "赵辅导员", User.Kind.COUNSELOR, counselor_permissions(), info[:2], office="信息工程学院")
    for serial, name in enumerate(["星辰科技有限公司", "华信会计师事务所", "蓝海智能制造股份有限公司"], start=1):
        account(demo_credit_code(serial), name, User.Kind.EMPLOYER, email=f"hr{serial}@example.com")
    seed_core_variants(years)
    seed_app_demos(rng, years)
    return accounts


def seed_core_variants(years):
    """Messages (read, unread, a failed SMS) and background tasks in every state, for the demo accounts.
    Rows are made directly (no delivery is queued: `make db` runs without a worker). Idempotent."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from .models import Job, Message, MessageDelivery

    admin = User.objects.get(username="10001")
    student = (Student.objects.filter(graduation_year=max(years), user__isnull=False).order_by("pk").first()
               if years else None)
    recipients = [u for u in (User.objects.filter(username__in=["20001", demo_credit_code(1)]).order_by("pk"))]
    recipients += [student.user] if student else []
    now = timezone.now()
    if not Message.objects.filter(subject="关于做好2027届毕业生就业信息填报工作的通知").exists():
        notice = Message.objects.create(sender=admin, subject="关于做好2027届毕业生就业信息填报工作的通知",
                                        body="请各位同学于本月底前登录系统完善就业信息。", link="/",
                                        channels=["inbox", "sms"])
        for n, user in enumerate(recipients):
            MessageDelivery.objects.create(message=notice, recipient=user, channel="inbox",
                                           status=MessageDelivery.Status.SENT, sent_at=now,
                                           read_at=now if n % 2 else None)
            MessageDelivery.objects.create(message=notice, recipient=user, channel="sms",
                                           status=MessageDelivery.Status.FAILED if n == 0 else
                                           MessageDelivery.Status.SENT, attempts=3 if n == 0 else 1,
                                           error="手机号码为空" if n == 0 else "", sent_at=None if n == 0 else now)
    for owner in User.objects.filter(username__in=["10001", "20001"]).order_by("pk"):
        if Job.objects.filter(created_by=owner, kind="export").exists():
            continue
        for status, message in ((Job.Status.SUCCEEDED, "导出完成"), (Job.Status.FAILED, "导出失败：数据库连接中断"),
                                (Job.Status.RUNNING, "已导出 400/1000 行"), (Job.Status.PENDING, "")):
            job = Job(kind="export", label=f"导出学生信息（{Job.Status(status).label}）", status=status,
                      message=message, created_by=owner, total=1000, attempts=1,
                      progress={"succeeded": 1000, "running": 400}.get(status, 0),
                      params={"demo": True}, started_at=now if status != Job.Status.PENDING else None,
                      finished_at=now if status in (Job.Status.SUCCEEDED, Job.Status.FAILED) else None)
            if status == Job.Status.SUCCEEDED:
                job.result_file.save("学生信息.csv", ContentFile("学号,姓名\n".encode("utf-8-sig")), save=False)
            job.save()


def seed_app_demos(rng, years):
    """Each domain app may add demo data in `<app>/demo.py: seed(rng, years)`, run in INSTALLED_APPS order.

    Every seed must be idempotent (make run calls seed_demo on every start)."""
    from django.apps import apps

    from .modules import import_optional

    for config in apps.get_app_configs():
        if not config.name.startswith("careers.") or config.name == "careers.core":
            continue
        module = import_optional(f"{config.name}.demo")
        if module is not None:
            module.seed(rng, years)
