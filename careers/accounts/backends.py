"""Authentication backends.

`AccountBackend` checks account + password. School SSO (CAS/OIDC) and WeChat QR
login are *login providers* (see providers.py): they identify a user by an external
id and then call `login()` with this backend, so lockout, forced password change and
audit work the same for every way in.
"""

from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    def user_can_authenticate(self, user):
        return user.is_active

    def get_user_permissions(self, user_obj, obj=None):  # our permissions live in the registry
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
