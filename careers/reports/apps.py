from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "careers.reports"
    label = "reports"
    verbose_name = "就业数据统计"
