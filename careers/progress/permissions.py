"""就业进展情况: menus and actions."""

from careers.core.permissions import registry  # noqa: F401
