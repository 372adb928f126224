"""Hooks into the rest of the platform: each area's `hooks_<area>.py` registers what it contributes
(the 单位查询 provider, 就业市场信息统计 counters, job handlers...). Imported once from AppConfig.ready."""

from importlib import import_module

AREAS = ("employers", "appeals", "jobs", "applications", "matching")

for _area in AREAS:
    try:
        import_module(f"{__package__}.hooks_{_area}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.hooks_{_area}":
            raise
