"""网站参数 and 网站信息管理: back office under /website/ ("website"); the public logo ("website_site")."""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import site as site_views
from . import views as v

backoffice = [
    path("settings/", v.SiteSettingsEditView.as_view(), name="sitesettings_edit"),
    *model_urls("info-blocks", "infoblock", list=v.InfoBlockListView, add=v.InfoBlockEditView, detail=v.InfoBlockView,
                edit=v.InfoBlockEditView, delete=v.InfoBlockDeleteView, bulk_delete=v.InfoBlockBulkDeleteView),
]
site = [
    path("site-logo/", site_views.logo, name="site_logo"),
]
