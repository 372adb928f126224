from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "careers.events"
    label = "events"
    verbose_name = "宣讲会与招聘会"

    def ready(self):
        from . import signals  # noqa: F401  (each area connects its hooks: market counters, reminders, tasks)
