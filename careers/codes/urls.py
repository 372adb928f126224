from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import views as v

app_name = "codes"

urlpatterns = [
    *model_urls("tables", "codetable", list=v.CodeTableListView, detail=v.CodeTableView, edit=v.CodeTableEditView),
    *model_urls("codes", "code", list=v.CodeListView, add=v.CodeEditView, bulk_delete=v.CodeBulkDeleteView,
                detail=v.CodeView, edit=v.CodeEditView, delete=v.CodeDeleteView),
    *model_urls("codes", "code", export=ExportView.of(v.CodeListView)),
    path("regions/options/", v.region_options, name="region_options"),
    path("major-catalogue/", v.major_catalogue_lookup, name="major_catalogue_lookup"),
]
