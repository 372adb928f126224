from careers.core.views import generic

from .filtersets import StudentFilterSet
from .models import Student
from .tables import StudentTable

students = Student.objects.select_related("major__education_level", "major__college", "major__campus")


class StudentListView(generic.ObjectListView):
    queryset = students
    filterset = StudentFilterSet
    table = StudentTable
    actions = ("export", "bulk_delete")


class StudentView(generic.ObjectView):
    queryset = students
    detail_fields = ["student_number", "name", "gender", "graduation_year", "enrolment_year", "major", "phone", "email"]


class StudentDeleteView(generic.ObjectDeleteView):
    queryset = Student.objects.all()


class StudentBulkDeleteView(generic.BulkDeleteView):
    queryset = Student.objects.all()
