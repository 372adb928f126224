"""Secrets at rest (AppSecret, API v3 key, merchant private key): `EncryptedTextField`.

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256) under a key derived from SECRET_KEY by HKDF, so a
database dump alone reveals nothing. Keys from SECRET_KEY_FALLBACKS still decrypt (rotation: move the old
key there, then re-save). A value that no key can decrypt reads as "" (the admin is asked to enter it again)
rather than breaking the page.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "enc1:"


def _fernet_for(secret):
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"careers-field-encryption",
               info=b"EncryptedTextField v1").derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _fernet():
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ())]
    return MultiFernet([_fernet_for(s) for s in secrets])


def encrypt(plain):
    if not plain:
        return ""
    return PREFIX + _fernet().encrypt(plain.encode()).decode()


def decrypt(stored):
    if not stored:
        return ""
    if not stored.startswith(PREFIX):
        return ""  # never hand back a value that was not written by encrypt()
    try:
        return _fernet().decrypt(stored[len(PREFIX):].encode()).decode()
    except (InvalidToken, ValueError):
        return ""


class EncryptedTextField(models.TextField):
    """A text column holding `encrypt(value)`; Python code sees the plain value. Not searchable."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else ""

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "careers.core.encryption.EncryptedTextField", args, kwargs
