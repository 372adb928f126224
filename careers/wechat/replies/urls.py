"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import views as v

backoffice = [
    path("replies/", v.ReplyTextView.as_view(), name="replies"),
    path("replies/default/", v.DefaultReplyView.as_view(), name="replies_default"),
    *model_urls("replies/keywords", "keywordreply", list=v.KeywordReplyListView, add=v.KeywordReplyEditView,
                edit=v.KeywordReplyEditView, delete=v.KeywordReplyDeleteView),
]
portal = []
company = []
site = []
