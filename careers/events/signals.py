"""Hooks into the rest of the platform: each area's `<area>/hooks.py` registers what it contributes
(就业市场信息统计 counters, reminders, the payment provider...). Imported once from AppConfig.ready.

App-wide on purpose: it is the one place that knows the areas and their order (demo.py follows it)."""

from careers.core.modules import import_optional

AREAS = ("venues", "talks", "fairs", "participants", "payments", "checkin", "stats")

for _area in AREAS:
    import_optional(f"{__package__}.{_area}.hooks")
