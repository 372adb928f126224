"""What the reports app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)
from .statistics import register_items

register_items()  # 就业 items of the 数据统计 registry
seed_step("reports", "careers.reports.demo")
