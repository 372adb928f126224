"""学生中心: 派遣信息 and 就业信息 reporting, mounted at /me/ (config/urls.py)."""

from django.urls import path  # noqa: F401

app_name = "employment_portal"

urlpatterns = []

# -- 派遣信息 (dispatch) --
from . import portal_dispatch  # noqa: E402

urlpatterns += [
    path("dispatch/", portal_dispatch.dispatch, name="dispatch"),
    path("dispatch/authorities/", portal_dispatch.authority_lookup, name="dispatch_authorities"),
]

# -- 就业信息 (employment) --
