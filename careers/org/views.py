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


class CollegeListView(generic.ObjectListView):
    queryset = College.objects.annotate(major_count=Count("majors"))
    filterset = filtersets.CollegeFilterSet
    table = tables.CollegeTable
    actions = ("add", "bulk_delete")


class CollegeView(generic.ObjectView):
    queryset = College.objects.all()


class CollegeEditView(generic.ObjectEditView):
    queryset = College.objects.all()
    form = forms.CollegeForm


class CollegeDeleteView(generic.ObjectDeleteView):
    queryset = College.objects.all()


class CollegeBulkDeleteView(generic.BulkDeleteView):
    queryset = College.objects.all()


class DepartmentListView(generic.ObjectListView):
    queryset = Department.objects.select_related("college")
    filterset = filtersets.DepartmentFilterSet
    table = tables.DepartmentTable
    actions = ("add", "bulk_delete")


class DepartmentView(generic.ObjectView):
    queryset = Department.objects.select_related("college")


class DepartmentEditView(generic.ObjectEditView):
    queryset = Department.objects.all()
    form = forms.DepartmentForm


class DepartmentDeleteView(generic.ObjectDeleteView):
    queryset = Department.objects.all()


class DepartmentBulkDeleteView(generic.BulkDeleteView):
    queryset = Department.objects.all()


class CampusListView(generic.ObjectListView):
    queryset = Campus.objects.all()
    filterset = filtersets.CampusFilterSet
    table = tables.CampusTable
    actions = ("add", "bulk_delete")


class CampusView(generic.ObjectView):
    queryset = Campus.objects.all()


class CampusEditView(generic.ObjectEditView):
    queryset = Campus.objects.all()
    form = forms.CampusForm


class CampusDeleteView(generic.ObjectDeleteView):
    queryset = Campus.objects.all()


class CampusBulkDeleteView(generic.BulkDeleteView):
    queryset = Campus.objects.all()
