"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import views as v

backoffice = [
    *model_urls("menus", "menuitem", list=v.MenuEditorView, add=v.MenuItemEditView, edit=v.MenuItemEditView,
                delete=v.MenuItemDeleteView, move=v.MenuItemMoveView),
    path("menus/publish/", v.MenuPublishView.as_view(), name="menuitem_publish"),
    path("menus/defaults/", v.MenuPublishView.as_view(defaults=True), name="menuitem_defaults"),
]
portal = []
company = []
site = []
