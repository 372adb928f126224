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
from . import portal_employment as pe  # noqa: E402

urlpatterns += [
    path("employment/", pe.home, name="employment_home"),
    path("employment/report/", pe.report, name="employment_report"),
    path("employment/fill-template/", pe.fill_template, name="employment_template"),
    path("employment/employers/", pe.employers, name="employment_employers"),
    path("employment/regions/", pe.regions, name="employment_regions"),
]
