"""Production defaults are safe: checked by importing settings in a clean subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'secure_cookie': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE,"
    " 'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0), 'hasher': s.PASSWORD_HASHERS[0], 'eager': s.CELERY_TASK_ALWAYS_EAGER,"
    " 'cache': s.CACHES['default']['BACKEND'], 'db': s.DATABASES['default']['ENGINE'], 'lang': s.LANGUAGE_CODE,"
    " 'tz': s.TIME_ZONE}))"
)


def settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {
        "DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "HTTPS", "LOCAL_HTTP", "FAST_PASSWORD_HASHER",
        "ALLOW_INSECURE_SECRET", "CELERY_EAGER", "DJANGO_SETTINGS_MODULE"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True)
    return result


def test_refuses_to_start_without_secret_key():
    result = settings_with()
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_defaults():
    result = settings_with(SECRET_KEY="x" * 50, DATABASE_URL="postgres://u@db/careers", REDIS_URL="redis://r:6379/0")
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["secure_cookie"] and values["csrf_secure"] and values["hsts"] >= 31536000
    assert values["hasher"].endswith("Argon2PasswordHasher")
    assert values["eager"] is False and "Redis" in values["cache"] and "postgresql" in values["db"]
    assert values["lang"] == "zh-hans" and values["tz"] == "Asia/Shanghai"


def test_embedded_default_is_sqlite_and_eager():
    values = json.loads(settings_with(SECRET_KEY="x" * 50, LOCAL_HTTP="1").stdout)
    assert "sqlite3" in values["db"] and values["eager"] is True and values["secure_cookie"] is False


@pytest.mark.django_db
def test_unknown_page_is_chinese_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
