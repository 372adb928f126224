"""Declared back-office views for admin accounts and role templates."""

from django.db.models import Count

from careers.core.views import generic

from . import actions
from .filtersets import RoleTemplateFilterSet, UserFilterSet
from .forms import AdminAccountBulkEditForm, AdminAccountForm, RoleTemplateForm
from .models import RoleTemplate, User
from .tables import RoleTemplateTable, UserTable

admin_accounts = User.objects.filter(kind__in=User.BACKOFFICE_KINDS)


class AdminScopedMixin:
    def restricted(self, action):
        queryset = super().restricted(action)
        return queryset if self.request.user.is_superuser else queryset.filter(is_superuser=False)


class UserListView(generic.ObjectListView):
    queryset = admin_accounts.annotate(managed_count=Count("managed_majors"))
    filterset = UserFilterSet
    table = UserTable


class UserView(AdminScopedMixin, generic.ObjectView):
    queryset = admin_accounts
    template_name = "accounts/user_detail.html"
    detail_fields = ["username", "name", "kind", "is_superuser", "is_active", "must_change_password", "email",
                     "phone", "title", "office", "last_login", "date_joined"]

    def get_extra_context(self, obj):
        return {"managed": obj.managed_majors.select_related("college", "education_level")[:200],
                "managed_total": obj.managed_majors.count(), "permission_total": len(obj.permissions)}


class UserEditView(AdminScopedMixin, generic.ObjectEditView):
    queryset = admin_accounts
    form = AdminAccountForm

    def save(self, form):
        if form.instance.pk:
            return form.save()
        data = form.cleaned_data
        return actions.create_admin_account(acting_user=self.request.user, **data)


class UserDeleteView(AdminScopedMixin, generic.ObjectDeleteView):
    queryset = admin_accounts


class UserBulkEditView(AdminScopedMixin, generic.BulkEditView):
    queryset = admin_accounts
    form = AdminAccountBulkEditForm


class UserBulkDeleteView(AdminScopedMixin, generic.BulkDeleteView):
    queryset = admin_accounts


class RoleTemplateListView(generic.ObjectListView):
    queryset = RoleTemplate.objects.all()
    filterset = RoleTemplateFilterSet
    table = RoleTemplateTable
    actions = ("add", "bulk_delete")


class RoleTemplateView(generic.ObjectView):
    queryset = RoleTemplate.objects.all()
    detail_fields = ["name", "description"]
    template_name = "accounts/roletemplate_detail.html"


class RoleTemplateEditView(generic.ObjectEditView):
    queryset = RoleTemplate.objects.all()
    form = RoleTemplateForm


class RoleTemplateDeleteView(generic.ObjectDeleteView):
    queryset = RoleTemplate.objects.all()


class RoleTemplateBulkDeleteView(generic.BulkDeleteView):
    queryset = RoleTemplate.objects.all()

