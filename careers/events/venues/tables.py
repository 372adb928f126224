import django_tables2 as tables

from careers.core.tables import BaseTable

from .models import Venue


class VenueTable(BaseTable):
    name = tables.Column(linkify=("events:venue_edit", {"pk": tables.A("pk")}))
    is_placeholder = tables.BooleanColumn(yesno="是,否")
    is_active = tables.BooleanColumn(yesno="启用,停用")
    calendar = tables.TemplateColumn(
        '<a href="{% url \'events:venue_calendar\' %}?venue={{ record.pk }}">'
        '<i class="bi bi-calendar-week"></i> 日历</a>',
        verbose_name="场地日历", orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = Venue
        fields = ("pk", "name", "address", "capacity", "equipment", "is_placeholder", "is_active", "note", "calendar")
        default_columns = ("name", "address", "capacity", "equipment", "is_placeholder", "is_active", "calendar")
