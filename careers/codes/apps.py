from django.apps import AppConfig


class CodesConfig(AppConfig):
    name = "careers.codes"
    label = "codes"
    verbose_name = "代码管理"

    def ready(self):
        from . import importers  # noqa: F401  (registers the "codes.code" import spec)
