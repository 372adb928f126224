"""core.encryption: secrets are unreadable in the database, readable through the model, rotate with fallbacks."""

import pytest
from django.db import connection

from careers.core import encryption
from careers.wechat.account.models import WechatAccount


def test_round_trip_and_prefix(settings):
    token = encryption.encrypt("s3cret-值")
    assert token.startswith(encryption.PREFIX) and "s3cret" not in token
    assert encryption.decrypt(token) == "s3cret-值"
    assert encryption.encrypt("") == "" and encryption.decrypt("") == ""


def test_wrong_key_or_plain_value_reads_empty(settings):
    token = encryption.encrypt("abc")
    settings.SECRET_KEY = "another-key-entirely-0123456789"
    assert encryption.decrypt(token) == ""
    assert encryption.decrypt("not-encrypted") == ""


def test_fallback_key_still_decrypts(settings):
    old = settings.SECRET_KEY
    token = encryption.encrypt("abc")
    settings.SECRET_KEY = "new-key-after-rotation-0123456789"
    settings.SECRET_KEY_FALLBACKS = [old]
    assert encryption.decrypt(token) == "abc"


@pytest.mark.django_db
def test_column_holds_ciphertext():
    WechatAccount.objects.create(pk=1, app_id="wx1", app_secret="plain-app-secret")
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_secret FROM wechat_wechataccount WHERE id = 1")
        stored = cursor.fetchone()[0]
    assert stored.startswith(encryption.PREFIX) and "plain-app-secret" not in stored
    assert WechatAccount.objects.get(pk=1).app_secret == "plain-app-secret"
