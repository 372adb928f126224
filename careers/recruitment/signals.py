"""Hooks into the rest of the platform (app-wide: AppConfig.ready imports this once): each area's `<area>/hooks.py`
registers what it contributes (the 单位查询 provider, 就业市场信息统计 counters, job handlers...)."""

from careers.core.modules import import_optional

AREAS = ("employers", "appeals", "jobs", "applications", "matching")

for _area in AREAS:
    import_optional(f"{__package__}.{_area}.hooks")
