"""What the accounts app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import ACCOUNTS, demo_step

from . import permissions  # noqa: F401  (menus and actions)
from .demo import build_accounts

demo_step("accounts.staff", build_accounts, stage=ACCOUNTS)
