from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "careers.progress"
    label = "progress"
    verbose_name = "就业进展情况"
