from django.apps import AppConfig


class ResumesConfig(AppConfig):
    name = "careers.resumes"
    label = "resumes"
    verbose_name = "学生简历"
