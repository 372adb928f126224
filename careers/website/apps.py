from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    name = "careers.website"
    label = "website"
    verbose_name = "网站内容管理"
