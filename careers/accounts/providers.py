"""Pluggable external login providers (school SSO, WeChat QR).

A provider shows a button on the login page and, once the external party has
vouched for the user, returns the local account; the login view finishes the
session. An app contributes one with `LOGIN_PROVIDERS.register(key, Provider())` in its registry.py;
a deployment adds others with the setting LOGIN_PROVIDERS = ["dotted.path.Provider", ...].
"""

from django.conf import settings
from django.utils.module_loading import import_string

from careers.core.registry import Registry

LOGIN_PROVIDERS: Registry = Registry("login provider")


class LoginProvider:
    key = ""
    label = ""

    def start_url(self, request):
        """Where the login button sends the browser."""
        raise NotImplementedError

    def authenticate(self, request):
        """Return the local User vouched for by the callback request, or None."""
        raise NotImplementedError

    def available(self):
        """Whether the login page shows the button (False while the provider cannot work)."""
        return True


def enabled_providers():
    """The registered providers, then those the settings name (read on every call: settings may change)."""
    return [*LOGIN_PROVIDERS.values(), *(import_string(path)() for path in settings.LOGIN_PROVIDERS)]


def get_provider(key):
    for provider in enabled_providers():
        if provider.key == key:
            return provider
    return None
