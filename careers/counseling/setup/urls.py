from django.urls import path

from careers.core.urls_helpers import model_urls

from . import views as v

backoffice = [
    path("settings/", v.SettingsView.as_view(), name="settings"),
    *model_urls("topics", "topic", list=v.TopicListView, add=v.TopicEditView, edit=v.TopicEditView,
                delete=v.TopicDeleteView, bulk_delete=v.TopicBulkDeleteView),
    *model_urls("advisers", "adviser", list=v.AdviserListView, add=v.AdviserEditView, detail=v.AdviserView,
                edit=v.AdviserEditView, delete=v.AdviserDeleteView),
]
portal = []
