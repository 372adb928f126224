"""Pluggable external login providers (school SSO, WeChat QR).

A provider shows a button on the login page and, once the external party has
vouched for the user, returns the local account; the login view finishes the
session. Configure with LOGIN_PROVIDERS = ["dotted.path.Provider", ...].
"""

from django.conf import settings
from django.utils.module_loading import import_string


class LoginProvider:
    key = ""
    label = ""

    def start_url(self, request):
        """Where the login button sends the browser."""
        raise NotImplementedError

    def authenticate(self, request):
        """Return the local User vouched for by the callback request, or None."""
        raise NotImplementedError


def enabled_providers():
    return [import_string(path)() for path in settings.LOGIN_PROVIDERS]


def get_provider(key):
    for provider in enabled_providers():
        if provider.key == key:
            return provider
    return None
