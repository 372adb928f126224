from django.urls import path

from careers.core.urls_helpers import model_urls

from . import admin_views as av
from . import impersonation, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.CampusLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("login/<slug:key>/", views.provider_start, name="provider_start"),
    path("login/<slug:key>/callback/", views.provider_callback, name="provider_callback"),
    *model_urls("users", "user", list=av.UserListView, add=av.UserEditView, bulk_edit=av.UserBulkEditView,
                bulk_delete=av.UserBulkDeleteView, detail=av.UserView, edit=av.UserEditView,
                delete=av.UserDeleteView),
    path("users/<int:pk>/permissions/", views.AccountPermissionsView.as_view(), name="user_permissions"),
    path("users/<int:pk>/majors/", views.ManagedMajorsView.as_view(), name="user_majors"),
    path("users/<int:pk>/reset-password/", views.ResetPasswordView.as_view(), name="user_reset_password"),
    *model_urls("role-templates", "roletemplate", list=av.RoleTemplateListView, add=av.RoleTemplateEditView,
                bulk_delete=av.RoleTemplateBulkDeleteView, detail=av.RoleTemplateView,
                edit=av.RoleTemplateEditView, delete=av.RoleTemplateDeleteView),
    path("role-templates/<int:pk>/permissions/", views.RoleTemplatePermissionsView.as_view(),
         name="roletemplate_permissions"),
    path("impersonate/stop/", impersonation.stop_view, name="impersonate_stop"),
]
