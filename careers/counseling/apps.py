from django.apps import AppConfig


class CounselingConfig(AppConfig):
    name = "careers.counseling"
    label = "counseling"
    verbose_name = "预约咨询"
