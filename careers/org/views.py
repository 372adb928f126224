from django.db.models import Count

from careers.core.views import generic

from . import filtersets, forms, tables
from .models import Campus, College, Department, Major

majors = Major.objects.select_related("education_level", "duration", "discipline", "college", "department", "campus")


class MajorListView(generic.ObjectListView):
    queryset = majors
    filterset = filtersets.MajorFilterSet
    table = tables.MajorTable
    importer = "org.major"


class MajorView(generic.ObjectView):
    queryset = majors
    detail_fields = ["name", "specialization", "major_code", "education_level", "duration", "discipline", "campus",
                     "college", "department", "is_active", "sort"]


class MajorEditView(generic.ObjectEditView):
    queryset = majors
    form = forms.MajorForm
    template_name = "org/major_edit.html"


class MajorDeleteView(generic.ObjectDeleteView):
    queryset = Major.objects.all()


class MajorBulkEditView(generic.BulkEditView):
    queryset = Major.objects.all()
    form = forms.MajorBulkEditForm


class MajorBulkDeleteView(generic.BulkDeleteView):
    queryset = Major.objects.all()


college_views = generic.crud_views(College.objects.annotate(major_count=Count("majors")),
                                   filterset=filtersets.CollegeFilterSet, table=tables.CollegeTable,
                                   form=forms.CollegeForm)
department_views = generic.crud_views(Department.objects.select_related("college"),
                                      filterset=filtersets.DepartmentFilterSet, table=tables.DepartmentTable,
                                      form=forms.DepartmentForm)
campus_views = generic.crud_views(Campus.objects.all(), filterset=filtersets.CampusFilterSet,
                                  table=tables.CampusTable, form=forms.CampusForm)
