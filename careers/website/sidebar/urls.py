"""侧边栏设置: back office under /website/ (namespace "website")."""

from careers.core.urls_helpers import model_urls

from . import views as v

backoffice = [
    *model_urls("sidebar", "sidebarlink", list=v.SidebarLinkListView, add=v.SidebarLinkEditView,
                edit=v.SidebarLinkEditView, delete=v.SidebarLinkDeleteView, bulk_delete=v.SidebarLinkBulkDeleteView,
                move=v.SidebarLinkMoveView),
]
site = []
