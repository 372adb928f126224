"""学生信息汇总: /students/summary/, /students/<pk>/summary/."""

from django.urls import path

from . import views as sv

urlpatterns = [
    path("summary/", sv.SummaryListView.as_view(), name="summary_list"),
    path("<int:pk>/summary/", sv.StudentSummaryView.as_view(), name="student_summary"),
]
