from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "careers.org"
    label = "org"
    verbose_name = "学校组织"
