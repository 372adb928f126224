from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "careers.students"
    label = "students"
    verbose_name = "学生信息管理"

    def ready(self):
        from .records import importers  # noqa: F401  (registers the "students.student" import spec)
