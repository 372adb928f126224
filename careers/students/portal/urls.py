"""学生中心 (/me/): the student's own record, 完善信息, 生源地 picker, photo."""

from django.urls import path

from . import views as pv

urlpatterns = [
    path("", pv.home, name="home"),
    path("profile/", pv.profile, name="profile"),
    path("edit/", pv.edit, name="edit"),
    path("photo/", pv.photo, name="photo"),
    path("photo/file/", pv.photo_file, name="photo_file"),
]
