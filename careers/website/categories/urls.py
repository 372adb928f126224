"""网站菜单设置 back-office URLs (collected by careers/website/urls.py, namespace `website`)."""

from careers.core.urls_helpers import model_urls

from . import views as v

backoffice = model_urls("categories", "category", list=v.CategoryListView, add=v.CategoryEditView,
                        detail=v.CategoryView, edit=v.CategoryEditView, delete=v.CategoryDeleteView)
site = []
