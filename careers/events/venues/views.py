"""代码管理 → 场地管理 (manual 3.2.1, 4.5): list, add, edit, 停用/启用 (bulk, all or nothing), 导入, and the
场地日历 (a week of talks and fairs per venue, overlapping bookings in red)."""

import datetime

from django.db import transaction
from django.shortcuts import render
from django.urls import reverse

from careers.core.history import log_event
from careers.core.views import generic

from . import calendar
from .filtersets import VenueFilterSet
from .forms import VenueForm
from .models import Venue
from .tables import VenueTable

venues = Venue.objects.all()


class VenueListView(generic.ObjectListView):
    queryset = venues
    filterset = VenueFilterSet
    table = VenueTable
    template_name = "events/venues/venue_list.html"
    actions = ("add",)
    importer = "events.venue"


class VenueEditView(generic.ObjectEditView):
    queryset = venues
    form = VenueForm

    def success_url(self, obj):
        return reverse("events:venue_list")


class VenueActivateView(generic.BulkActionView):
    """停用 / 启用 the checked venues (a stopped venue is no longer offered to employers)."""

    queryset = venues
    action = "change"

    def perform(self, objects):
        active = self.request.POST.get("active") == "1"
        word = "启用" if active else "停用"
        with transaction.atomic():
            for venue in objects:
                venue.is_active = active
                venue._history_user = self.request.user
                venue.save(update_fields=["is_active", "updated_at"])
            log_event("update", module="events", user=self.request.user, message=f"{word} {len(objects)} 个场地",
                      changes={"is_active": ["", str(active)], "venues": ["", ",".join(str(v.pk) for v in objects)]})
        return f"已{word} {len(objects)} 个场地。"


class VenueCalendarView(generic.ModelViewMixin):
    """场地日历: ?week=YYYY-MM-DD (any day of the week) &venue=<pk> (empty: all venues)."""

    queryset = venues

    def get(self, request):
        self.restricted("view")
        monday = calendar.parse_week(request.GET.get("week"))
        venue_pk = request.GET.get("venue", "")
        venue = Venue.objects.filter(pk=venue_pk).first() if venue_pk.isdecimal() else None
        grid = calendar.week_grid(monday, venue)
        return render(request, "events/venues/calendar.html", {
            **self.base_context(), "page_title": "场地日历", "grid": grid, "monday": monday, "venue": venue,
            "venues": Venue.objects.filter(is_placeholder=False).order_by("name"),
            "previous": monday - datetime.timedelta(days=7), "next": monday + datetime.timedelta(days=7),
            "today": datetime.date.today()})
