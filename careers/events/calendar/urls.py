"""URLs of the 就业日历 (public, no login): /calendar/?view=day|week|month&date=YYYY-MM-DD."""

from django.urls import path

from . import views

backoffice = []
company = []
site = [path("calendar/", views.calendar, name="calendar")]
portal = []
