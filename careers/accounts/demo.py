"""Demo role templates and staff and employer accounts (a demo step, see core/demo.py)."""

from careers.core.demo import DEMO_PASSWORD, demo_credit_code
from careers.core.permissions import registry
from careers.org.models import Major

from .models import RoleTemplate, User, is_school_only


# What the manual has a 二级管理员 (院系) do, all of it limited to the majors the account manages: their
# students' 生源/派遣/就业/档案/简历 records and reviews (2.2-2.11), 就业跟踪台账 (6.1), reporting
# 就业进展情况 (6.3), statistics (6.2), their students' deliveries and matches, messages to their
# students, and reading the shared reference tables. Not the school-wide employer, job, talk, fair,
# payment and check-in work of 招聘服务管理 (4.x), which the 就业指导中心 does.
COLLEGE_ADMIN_AREAS = (
    "students.", "employment.", "studentfiles.", "resumes.", "followup.", "progress.",
    "reports.rates.", "reports.market.", "recruitment.application.", "recruitment.jobmatch.", "core.message.",
    "counseling.booking.",  # 咨询台账 of their students (预约咨询 is the school's: advisers, topics, settings)
    "website.category.", "website.news.",  # their college's own news column (scope: only their colleges')
)
REFERENCE_AREAS = ("codes.", "org.")  # read-only for colleges (writes are school-only anyway)
SCHOOL_WORK = {"reports.rates.snapshot"}  # 生成今日快照: the school's official figures


def college_admin_permissions():
    """The level-2 (college) admin's role template."""
    codes = registry.all_codes()
    granted = {code for code in codes if code.startswith(COLLEGE_ADMIN_AREAS)}
    granted |= {code for code in codes if code.startswith(REFERENCE_AREAS) and code.endswith(".view")}
    return sorted(code for code in granted - SCHOOL_WORK if not is_school_only(code))


def counselor_permissions():
    """Read-only access to the student-records module."""
    students_module = registry.modules["students"]
    return sorted(item.code for item in (*students_module.menus, *students_module.actions)
                  if item.code.endswith(".view") and not item.derived)


def build_accounts(ctx):
    template, _ = RoleTemplate.objects.update_or_create(
        name="学院管理员", defaults={"description": "二级管理员常用权限", "permissions": college_admin_permissions()})
    RoleTemplate.objects.update_or_create(
        name="辅导员", defaults={"description": "查看所带专业学生", "permissions": counselor_permissions()})

    def account(username, name, kind, permissions=(), managed=(), **extra):
        user, created = User.objects.get_or_create(username=username, defaults={"name": name, "kind": kind, **extra})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.must_change_password = False
            user.set_permissions(permissions)
            user.save()
            if managed:
                user.managed_majors.set(managed)
        ctx.accounts.append(user)
        return user

    majors = ctx.shared.get("majors") or list(Major.objects.select_related("college").order_by("pk"))
    account("10001", "张主任", User.Kind.SCHOOL_ADMIN, is_superuser=True, office="就业指导中心")
    info = [m for m in majors if m.college.name == "信息工程学院"]
    econ = [m for m in majors if m.college.name == "经济管理学院"]
    account("20001", "李老师", User.Kind.COLLEGE_ADMIN, template.permissions, info, office="信息工程学院")
    account("20002", "王老师", User.Kind.COLLEGE_ADMIN, template.permissions, econ, office="经济管理学院")
    account("30001", "赵辅导员", User.Kind.COUNSELOR, counselor_permissions(), info[:2], office="信息工程学院")
    for serial, name in enumerate(["星辰科技有限公司", "华信会计师事务所", "蓝海智能制造股份有限公司"], start=1):
        account(demo_credit_code(serial), name, User.Kind.EMPLOYER, email=f"hr{serial}@example.com")
