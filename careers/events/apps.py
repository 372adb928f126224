from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "careers.events"
    label = "events"
    verbose_name = "宣讲会与招聘会"
