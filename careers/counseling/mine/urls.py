from django.urls import path

from . import views as v

backoffice = [
    path("mine/", v.MineView.as_view(), name="mine"),
    path("mine/bookings/", v.MineBookingsView.as_view(), name="mine_bookings"),
    path("mine/bookings/<int:pk>/", v.MineBookingView.as_view(), name="mine_booking"),
    path("mine/slots/add/", v.MineSlotAddView.as_view(), name="mine_slot_add"),
    path("mine/slots/<int:pk>/delete/", v.MineSlotDeleteView.as_view(), name="mine_slot_delete"),
]
