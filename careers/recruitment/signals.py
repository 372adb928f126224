"""Hooks into the rest of the platform: each area's `hooks_<area>.py` registers what it contributes
(the 单位查询 provider, 就业市场信息统计 counters, job handlers...). Imported once from AppConfig.ready."""

from careers.core.modules import import_optional

AREAS = ("employers", "appeals", "jobs", "applications", "matching")

for _area in AREAS:
    import_optional(f"{__package__}.hooks_{_area}")
