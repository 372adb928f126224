"""发送消息 (to the students selected on any student-linked list): /students/message/."""

from django.urls import path

from .views import StudentMessageView

urlpatterns = [path("message/", StudentMessageView.as_view(), name="student_message")]
