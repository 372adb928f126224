from django.apps import AppConfig


class StudentFilesConfig(AppConfig):
    name = "careers.studentfiles"
    label = "studentfiles"
    verbose_name = "学生资料与档案"
