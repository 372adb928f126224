from careers.core.urls_helpers import model_urls

from . import views as v

app_name = "org"

urlpatterns = [
    *model_urls("majors", "major", list=v.MajorListView, add=v.MajorEditView, bulk_edit=v.MajorBulkEditView,
                bulk_delete=v.MajorBulkDeleteView, detail=v.MajorView, edit=v.MajorEditView,
                delete=v.MajorDeleteView),
    *model_urls("colleges", "college", list=v.CollegeListView, add=v.CollegeEditView,
                bulk_delete=v.CollegeBulkDeleteView, detail=v.CollegeView, edit=v.CollegeEditView,
                delete=v.CollegeDeleteView),
    *model_urls("departments", "department", list=v.DepartmentListView, add=v.DepartmentEditView,
                bulk_delete=v.DepartmentBulkDeleteView, detail=v.DepartmentView, edit=v.DepartmentEditView,
                delete=v.DepartmentDeleteView),
    *model_urls("campuses", "campus", list=v.CampusListView, add=v.CampusEditView,
                bulk_delete=v.CampusBulkDeleteView, detail=v.CampusView, edit=v.CampusEditView,
                delete=v.CampusDeleteView),
]
