from django.apps import AppConfig


class CodesConfig(AppConfig):
    name = "careers.codes"
    label = "codes"
    verbose_name = "代码管理"
