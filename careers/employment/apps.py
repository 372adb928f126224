from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "careers.employment"
    label = "employment"
    verbose_name = "派遣与就业"

    def ready(self):
        from careers.students.signals import students_created

        from .student_records import create_records

        students_created.connect(create_records, dispatch_uid="employment.create_records")
