"""就业数据统计: menus and actions."""

from careers.core.permissions import registry  # noqa: F401
