"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path, re_path

from . import views as v

backoffice = [
    path("account/", v.AccountView.as_view(), name="wechataccount_edit"),
    path("account/generate/", v.GenerateConfigView.as_view(), name="wechataccount_generate"),
    path("account/verify-file/", v.VerifyFileView.as_view(), name="wechataccount_verify_file"),
    path("account/menu/", v.PushMenuView.as_view(), name="wechataccount_push_menu"),
    path("account/test/", v.TestConnectionView.as_view(), name="wechataccount_test"),
]
portal = []
company = []
site = [
    re_path(r"^(?P<name>MP_verify_[0-9A-Za-z]{1,64}\.txt)$", v.verify_file, name="mp_verify_file"),
]
