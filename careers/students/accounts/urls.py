"""会员管理 (student accounts): /students/accounts/."""

from django.urls import path

from . import views as va

urlpatterns = [
    path("accounts/", va.StudentAccountListView.as_view(), name="account_list"),
    path("accounts/reset-initial/", va.StudentAccountResetView.as_view(), name="account_reset_initial"),
    path("accounts/<int:pk>/edit/", va.StudentAccountEditView.as_view(), name="account_edit"),
    path("accounts/<int:pk>/password/", va.StudentAccountPasswordView.as_view(), name="account_password"),
    path("accounts/<int:pk>/impersonate/", va.StudentAccountImpersonateView.as_view(), name="account_impersonate"),
]
