"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path

from . import company as company_views
from . import oauth_login
from . import portal as portal_views
from . import site as site_views
from . import views as v

backoffice = [
    path("binding/mine/", v.MineView.as_view(), name="binding_mine"),
    path("binding/mine/unbind/", v.unbind_mine, name="binding_mine_unbind"),
    path("binding/mine/oauth/", v.MineOAuthView.as_view(), name="binding_mine_oauth"),
    path("bindings/", v.WechatBindingListView.as_view(), name="wechatbinding_list"),
    path("bindings/<int:pk>/unbind/", v.WechatBindingUnbindView.as_view(), name="wechatbinding_unbind"),
]
portal = [
    path("bind/", portal_views.bind, name="bind"),
    path("bind/unbind/", portal_views.unbind, name="unbind"),
    path("oauth/", portal_views.oauth, name="oauth"),
]
company = [
    path("bind/", company_views.bind, name="bind"),
    path("bind/unbind/", company_views.unbind, name="unbind"),
    path("oauth/", company_views.oauth, name="oauth"),
]
site = [
    path("wechat/login/", site_views.scan_login, name="scan_login"),
    path("wechat/qr/<str:token>/", site_views.qr_status, name="qr_status"),
    path("wechat/oauth/callback/", site_views.oauth_callback, name="oauth_callback"),
    path("wechat/login/oauth/", oauth_login.start, name="oauth_login"),  # inside WeChat: 网页授权 instead of a QR
    path("wechat/login/oauth/callback/", oauth_login.callback, name="oauth_login_callback"),
]
