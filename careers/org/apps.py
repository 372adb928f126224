from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "careers.org"
    label = "org"
    verbose_name = "学校组织"

    def ready(self):
        from . import importers  # noqa: F401  (registers the "org.major" import spec)
