from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "careers.recruitment"
    label = "recruitment"
    verbose_name = "招聘服务"

    def ready(self):
        from . import signals  # noqa: F401  (each area connects its hooks: lookup provider, market counters, tasks)
