from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "careers.students"
    label = "students"
    verbose_name = "学生信息管理"
