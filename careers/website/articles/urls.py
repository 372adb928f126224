"""一般资讯 URLs. backoffice → /website/ (namespace `website`): one list per kind, named
`article_<kind>_list` (menus reverse it without arguments); the article's own pages by pk.
site → / (namespace `website_site`): the public file URLs of files.py."""

from django.urls import path

from . import files
from . import views as v
from .kinds import KINDS

backoffice = [
    *[path(f"articles/{kind}/", v.ArticleListView.as_view(), {"kind": kind}, name=f"article_{kind}_list")
      for kind in KINDS],
    path("articles/<slug:kind>/add/", v.ArticleEditView.as_view(), name="article_add"),
    path("articles/<slug:kind>/bulk/", v.ArticleBulkView.as_view(), name="article_bulk"),
    path("articles/<int:pk>/", v.ArticleView.as_view(), name="article_detail"),
    path("articles/<int:pk>/edit/", v.ArticleEditView.as_view(), name="article_edit"),
    path("articles/<int:pk>/delete/", v.ArticleDeleteView.as_view(), name="article_delete"),
    path("articles/<int:pk>/preview/", v.ArticlePreviewView.as_view(), name="article_preview"),
    path("articles/<int:pk>/toggle/", v.ArticleToggleView.as_view(), name="article_toggle"),
    path("articles/<int:pk>/attachments/", v.AttachmentUploadView.as_view(), name="article_attachment_add"),
    path("attachments/<int:pk>/", v.AttachmentChangeView.as_view(), name="articleattachment_change"),
    path("editor-images/", v.EditorImageUploadView.as_view(), name="editor_image_upload"),
]
site = [
    path("files/website/editor/<int:pk>/", files.editor_image, name="editor_image"),
    path("files/website/covers/<int:pk>/", files.article_cover, name="article_cover"),
    path("files/website/media/<int:pk>/", files.article_media, name="article_media"),
    path("files/website/attachments/<int:pk>/", files.article_attachment, name="article_attachment"),
]
