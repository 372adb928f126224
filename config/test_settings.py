"""Settings for the test suite: the real settings, with test-only shortcuts.

DATABASE_URL / REDIS_URL come from the environment (.ci/run points them at the local
PostgreSQL and Redis); without them the suite runs on SQLite with eager Celery.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("LOCAL_HTTP", "1")
os.environ["FAST_PASSWORD_HASHER"] = "1"  # argon2 costs ~0.2 s a hash; tests hash thousands
os.environ.setdefault("CELERY_EAGER", "1")
os.environ.setdefault("JOBS_EAGER_IN_THREAD", "0")  # jobs finish inside the request that starts them

from .settings import *  # noqa: E402,F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each xdist worker (gw0, gw1…) writes uploads under a root of its own, so one worker's cleanup never
# deletes a file another worker's test is reading; a plain run uses "main".
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "") or "main"
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / _WORKER  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private" / _WORKER  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
if REDIS_URL:  # noqa: F405
    # Share the real Redis but never another run's keys.
    CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
