from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "careers.recruitment"
    label = "recruitment"
    verbose_name = "招聘服务"
