"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path

from . import views

backoffice = []
portal = []
company = []
site = [
    path("wechat/callback/", views.callback, name="callback"),  # wechat_site:callback (csrf-exempt, no login)
]
