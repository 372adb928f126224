"""就业跟踪台账: menus and actions."""

from careers.core.permissions import registry  # noqa: F401
