from django.db.models import Count, Prefetch

from careers.codes.models import Code
from careers.core.views import generic

from . import filtersets, forms, tables
from .models import Campus, College, Department, Major

majors = Major.objects.select_related("education_level", "duration", "discipline", "college", "department", "campus")
# The list joins only what its default order needs (学院, 学历) and loads the page's 学制/专业类别/系别/校区 names
# in one small query each: the six joins over all 5,185 benchmark majors before the sort took 20-40 ms a page.
major_rows = Major.objects.select_related("education_level", "college").only(
    "name", "specialization", "major_code", "is_active", "duration", "discipline", "department", "campus",
    "college__name", "education_level__name").prefetch_related(
    *(Prefetch(name, queryset=model.objects.only("name")) for name, model in (
        ("duration", Code), ("discipline", Code), ("department", Department), ("campus", Campus))))


class MajorListView(generic.ObjectListView):
    queryset = major_rows
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
