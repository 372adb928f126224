"""Authentication backends.

`AccountBackend` checks account + password. `InitialCredentialBackend` lets a student
whose account still holds the one-time initial credential log in with the last 6
characters of their ID number (compared in constant time; the login form is rate
limited and locked out by django-axes like any other). Their strong hash is made only
when they set a real password, which the forced-change middleware requires at once.

School SSO (CAS/OIDC) and WeChat QR login are *login providers* (see providers.py):
they identify a user by an external id and then call `login()` with AccountBackend.
"""

import hmac

from django.contrib.auth.backends import BaseBackend, ModelBackend

from .models import User


class AccountBackend(ModelBackend):
    def user_can_authenticate(self, user):
        return user.is_active

    def get_user_permissions(self, user_obj, obj=None):  # our permissions live in the registry
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()


def matches_initial_credential(user, raw_password):
    student = getattr(user, "student", None)
    expected = student.initial_password if student is not None else ""
    # compare even when there is nothing to compare against, so timing reveals nothing
    ok = hmac.compare_digest((raw_password or "").encode(), (expected or "\x00" * 6).encode())
    return ok and bool(expected)


class InitialCredentialBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = (User.objects.filter(username=username, kind=User.Kind.STUDENT, initial_credential=True,
                                    is_active=True).select_related("student").first())
        if user is None:
            hmac.compare_digest(b"000000", (password or "").encode())
            return None
        return user if matches_initial_credential(user, password) else None

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()
