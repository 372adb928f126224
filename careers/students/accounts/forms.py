"""会员管理: filters, table and forms of the student-accounts pages."""

import django_filters
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from careers.accounts import forms as accounts_forms
from careers.accounts.models import User
from careers.core import validators
from careers.core.filtersets import BaseFilterSet
from careers.core.forms import BaseModelForm
from careers.core.tables import BaseTable
from careers.org.models import College, Major

from ..models import Student

ACCOUNT_STATES = (("initial", "初始密码未修改"), ("set", "已设置密码"), ("disabled", "停用"))


def account_state(user):
    if not user.is_active:
        return "disabled", "停用", "secondary"
    if user.initial_credential:
        return "initial", "初始密码未修改", "warning"
    return "set", "已设置密码", "success"


class StudentAccountFilterSet(BaseFilterSet):
    search_fields = ("student_number", "name", "user__name")
    graduation_year = django_filters.NumberFilter(label="毕业年份")
    major__college = django_filters.ModelChoiceFilter(label="学院", queryset=College.objects.all(),
                                                      empty_label="全部学院")
    major = django_filters.ModelChoiceFilter(label="专业", queryset=Major.objects.select_related("education_level"),
                                             empty_label="全部专业")
    state = django_filters.ChoiceFilter(label="账号状态", choices=ACCOUNT_STATES, method="filter_state",
                                        empty_label="全部状态")

    class Meta:
        model = Student
        fields = ["q", "graduation_year", "major__college", "major", "state"]

    def filter_state(self, queryset, name, value):
        if value == "disabled":
            return queryset.filter(user__is_active=False)
        return queryset.filter(user__is_active=True, user__initial_credential=(value == "initial"))


class StudentAccountTable(BaseTable):
    account = tables.Column(accessor="student_number", verbose_name="账号（学号）")  # the account is the 学号
    account_name = tables.Column(accessor="user__name", verbose_name="姓名", default="—")
    major = tables.Column(accessor="major__name", verbose_name="学院/专业",
                          order_by=("major__college__sort", "major__name"))
    graduation_year = tables.Column()
    state = tables.Column(accessor="user__initial_credential", verbose_name="账号状态", orderable=False,
                          empty_values=())
    must_change = tables.BooleanColumn(accessor="user__must_change_password", verbose_name="须修改密码",
                                       yesno="是,否")
    last_login = tables.DateTimeColumn(accessor="user__last_login", verbose_name="最近登录", format="Y-m-d H:i",
                                       default="从未登录")
    actions = tables.Column(verbose_name="操作", orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = Student
        fields = ("pk", "account", "account_name", "major", "graduation_year", "state", "must_change", "last_login",
                  "actions")
        default_columns = ("account", "account_name", "major", "graduation_year", "state", "last_login", "actions")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.can_change = bool(user and user.has_permission("students.account.change"))
        self.can_impersonate = bool(user and user.has_permission("students.account.impersonate"))

    def render_major(self, record):
        return format_html("{}<div class='small text-muted'>{}</div>", record.major.college.name, record.major.name)

    def render_actions(self, record):
        """编辑 / 密码 / 管理; 管理 POSTs through the page's #row-action-form (CSRF)."""
        if record.user is None:
            return ""
        html = []
        if self.can_change:
            html.append(format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">编辑</a> '
                                    '<a class="btn btn-outline-primary btn-sm py-0" href="{}">密码</a>',
                                    reverse("students:account_edit", args=[record.pk]),
                                    reverse("students:account_password", args=[record.pk])))
        if self.can_impersonate and record.user.is_active:
            html.append(format_html('<button class="btn btn-outline-warning btn-sm py-0" form="row-action-form" '
                                    'formaction="{}" title="以该学生身份进入学生中心，有效 20 分钟">管理</button>',
                                    reverse("students:account_impersonate", args=[record.pk])))
        return mark_safe(" ".join(html))

    def render_state(self, record):
        if record.user is None:
            return mark_safe('<span class="badge text-bg-light">无账号</span>')
        _, label, color = account_state(record.user)
        return format_html('<span class="badge text-bg-{}">{}</span>', color, label)


class StudentAccountForm(BaseModelForm):
    """编辑 (2.3.1): everything but the account itself."""

    class Meta:
        model = User
        fields = ["name", "email", "phone", "is_active"]
        field_classes = {"email": validators.EmailField, "phone": validators.MobileField}
        labels = {"is_active": "启用（取消勾选即停用该账号，学生将无法登录）"}


class SetPasswordForm(accounts_forms.SetPasswordForm):
    """密码 (2.3.2): the shared password policy; the student must change it again at next login."""

    @property
    def account(self):
        return self.user
