"""派遣与就业, mounted at /employment/ (config/urls.py). Each area adds its lines below its heading."""

from django.urls import path  # noqa: F401

app_name = "employment"

urlpatterns = []

# -- 派遣信息, 主管单位库, 功能时间设置 (dispatch) --

# -- 就业信息, 未就业名单 (employment) --

# -- 与省系统不一致的就业信息 (provincial comparison) --
from .provincial import views as provincial_views  # noqa: E402

urlpatterns += [
    path("provincial/", provincial_views.CompareView.as_view(), name="provincial_compare"),
    path("provincial/template/", provincial_views.TemplateView.as_view(), name="provincial_template"),
    path("provincial/<uuid:pk>/", provincial_views.ResultView.as_view(), name="provincial_result"),
    path("provincial/<uuid:pk>/export/", provincial_views.ExportView.as_view(), name="provincial_export"),
]
