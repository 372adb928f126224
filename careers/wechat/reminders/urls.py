"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path

from . import portal as p

backoffice = []
portal = [
    path("reminders/", p.reminders, name="reminders"),  # 提醒设置 (the student's own)
]
company = []
site = []
