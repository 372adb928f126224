from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import portal as p
from . import views as v

backoffice = [
    *model_urls("ledger", "booking", list=v.BookingListView, detail=v.BookingView,
                export=ExportView.of(v.BookingListView)),
    path("ledger/<int:pk>/decide/", v.BookingDecisionView.as_view(), name="booking_decide"),
    path("statistics/", v.StatisticsView.as_view(), name="statistics"),
]
portal = [
    path("", p.home, name="home"),
    path("book/", p.book, name="book"),
    path("<int:pk>/cancel/", p.cancel, name="cancel"),
    path("<int:pk>/rate/", p.rate, name="rate"),
]
