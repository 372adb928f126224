"""Demo role templates and staff and employer accounts (a demo step, see core/demo.py)."""

from careers.core.demo import DEMO_PASSWORD, demo_credit_code
from careers.core.permissions import registry
from careers.org.models import Major

from .models import RoleTemplate, User, is_school_only


def college_admin_permissions():
    """Everything a level-2 admin may hold (school-only codes are refused anyway)."""
    return sorted(code for code in registry.all_codes() if not is_school_only(code))


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
