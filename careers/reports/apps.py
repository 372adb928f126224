from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "careers.reports"
    label = "reports"
    verbose_name = "就业数据统计"

    def ready(self):
        from .statistics import register_items

        register_items()  # 就业 items of the 数据统计 registry
