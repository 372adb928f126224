from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import RemembersLoadedValues
from careers.core.permissions import registry
from careers.core.scoping import ScopedQuerySet


def is_school_only(code):
    """Permissions that only level-1 (school) admins can hold, whatever is ticked."""
    app, _, rest = code.partition(".")
    if app in ("accounts",) or code.startswith("core.operationlog."):
        return True  # admin accounts and the audit trail of every admin
    if code.startswith("progress.progressproject.") and not code.endswith((".view", ".export")):
        return True  # 就业进展情况: the school sets up reporting projects, colleges report
    if code.startswith(("employment.supervisingauthority.", "employment.reportingwindow.")):
        return not rest.endswith(".view")  # 主管单位库, 功能时间设置: shared by every college, set by the school
    # the school's organisation, majors and code tables: colleges may read, not write
    return app in ("org", "codes") and not rest.endswith(".view")


class UserQuerySet(ScopedQuerySet):
    pass


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, username, password=None, **extra):
        user = self.model(username=self.model.normalize_username(username), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username, password=None, **extra):
        extra.setdefault("kind", User.Kind.SCHOOL_ADMIN)
        extra["is_superuser"] = True
        return self.create_user(username, password, **extra)


class User(RemembersLoadedValues, AbstractBaseUser):
    """Every account: admins (工号), counselors, students (学号), employers."""

    class Kind(models.TextChoices):
        SCHOOL_ADMIN = "school_admin", "一级管理员"
        COLLEGE_ADMIN = "college_admin", "二级管理员"
        COUNSELOR = "counselor", "辅导员/教师"
        STUDENT = "student", "学生"
        EMPLOYER = "employer", "用人单位"

    BACKOFFICE_KINDS = {Kind.SCHOOL_ADMIN, Kind.COLLEGE_ADMIN, Kind.COUNSELOR}

    username = models.CharField("账号", max_length=64, unique=True,
                                error_messages={"unique": "该账号已存在。"})
    name = models.CharField("姓名", max_length=64)
    kind = models.CharField("账号类型", max_length=20, choices=Kind.choices)
    is_superuser = models.BooleanField("超级用户", default=False)
    is_active = models.BooleanField("启用", default=True)
    must_change_password = models.BooleanField("须修改密码", default=True)
    # Students start with a one-time credential (last 6 of the ID number) checked at login;
    # no hash is stored until they choose a real password (see backends.InitialCredentialBackend).
    initial_credential = models.BooleanField("使用初始密码", default=False)
    email = models.EmailField("电子邮箱", blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    title = models.CharField("职务", max_length=64, blank=True)
    office = models.CharField("所在部门", max_length=100, blank=True)
    permissions = models.JSONField("权限", default=list, blank=True)
    managed_majors = models.ManyToManyField("org.Major", blank=True, related_name="managers",
                                            verbose_name="管辖专业")
    date_joined = models.DateTimeField("创建时间", auto_now_add=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login", "password_changed_at"])
    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = verbose_name_plural = "账号"
        ordering = ["username"]
        # Staff pickers (辅导老师, 管理员) read a few hundred staff accounts among 200,000 students' accounts.
        indexes = [models.Index(fields=["kind", "username"], name="accounts_user_kind_username")]

    def __str__(self):
        return f"{self.name}（{self.username}）" if self.name else self.username

    @property
    def is_staff(self):  # keeps third-party checks (e.g. debug toolbars) sensible
        return self.is_backoffice

    @property
    def is_backoffice(self):
        return self.kind in self.BACKOFFICE_KINDS

    @property
    def is_school_admin(self):
        return self.kind == self.Kind.SCHOOL_ADMIN

    @property
    def permission_set(self):
        cached = self.__dict__.get("_permission_set")
        if cached is None:
            cached = self.__dict__["_permission_set"] = frozenset(self.permissions or ())
        return cached

    def has_permission(self, code):
        if not self.is_active or not self.is_backoffice:
            return False
        if self.is_superuser:
            return True
        if not self.is_school_admin and is_school_only(code):
            return False  # admin accounts are managed by level-1 (school) admins only
        return code in self.permission_set

    def set_permissions(self, codes):
        valid = registry.all_codes()
        unknown = set(codes) - valid
        if unknown:
            raise ValueError(f"未知权限：{', '.join(sorted(unknown))}")
        self.permissions = sorted(set(codes))
        self.__dict__.pop("_permission_set", None)


class RoleTemplate(models.Model):
    """A named set of permissions an admin can copy onto an account."""

    name = models.CharField("名称", max_length=64, unique=True)
    description = models.CharField("说明", max_length=200, blank=True)
    permissions = models.JSONField("权限", default=list, blank=True)

    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "角色模板"
        ordering = ["name"]

    def __str__(self):
        return self.name
