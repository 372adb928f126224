from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "careers.employment"
    label = "employment"
    verbose_name = "派遣与就业"
