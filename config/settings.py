"""Settings, all from environment variables with safe production defaults.

The embedded default (no DATABASE_URL / REDIS_URL) is SQLite plus eager Celery, so
`make run` works on a bare machine. Production sets DATABASE_URL (PostgreSQL),
REDIS_URL and SECRET_KEY.
"""

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("ALLOW_INSECURE_SECRET", False):
        raise RuntimeError("SECRET_KEY must be set (or DEBUG=1 / ALLOW_INSECURE_SECRET=1 for local use)")
    SECRET_KEY = "insecure-local-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # sitemap.xml templates (website/public/sitemaps.py)
    "django_filters",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "axes",
    "careers.core",
    "careers.accounts",
    "careers.codes",
    "careers.org",
    "careers.students",
    "careers.employment",
    "careers.studentfiles",
    "careers.resumes",
    "careers.reports",
    "careers.followup",
    "careers.progress",
    "careers.recruitment",
    "careers.events",
    "careers.counseling",
    "careers.website",
    "careers.wechat",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "careers.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "careers.core.middleware.RequestContextMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "careers.accounts.middleware.ForcePasswordChangeMiddleware",
    "careers.accounts.middleware.ImpersonationMiddleware",
    "careers.core.middleware.OperatingYearMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "careers" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careers.core.context_processors.backoffice",
                "careers.core.csp.nonce",
            ],
        },
    }
]

SQLITE_OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE",
                  "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"}
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Several requests at once (runserver is threaded; eager tasks run inside requests): WAL lets readers go on
    # while one connection writes (with the default rollback journal a single open read makes every COMMIT
    # wait, then fail with "database is locked"); IMMEDIATE takes the write lock when a transaction begins,
    # so a transaction that read first never fails to upgrade to a writer, it waits its turn (timeout s).
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT compilation: a list whose per-row subqueries add up past jit_above_cost spent 0.3–0.9 s compiling
    # a plan that runs in 1 ms (docs/decisions/0005-postgresql-jit-off.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "careers.accounts.backends.AccountBackend",
    "careers.accounts.backends.InitialCredentialBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "careers.accounts.passwords.CampusPasswordValidator"},
]
if env_bool("FAST_PASSWORD_HASHER"):  # tests only: argon2 costs ~0.2 s per hash
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"] + PASSWORD_HASHERS

# Login lockout (django-axes): 5 failures per account+IP lock for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "careers.accounts.views.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "careers.core.request_context.client_ip"  # the same address as the rate limits

# Reverse proxies (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8") whose X-Forwarded-For is
# believed; from anyone else the header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo must stop startup, not every request

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "careers" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or env_bool("PLAIN_STATIC")
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("PLAIN_STATIC")

# Uploads: anything larger goes to a temp file; our validators cap sizes per field.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))

# Security: secure cookies and HSTS whenever served over HTTPS.
HTTPS = env_bool("HTTPS", not DEBUG and not env_bool("LOCAL_HTTP"))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_FAILURE_VIEW = "careers.core.views.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

# Cache, Celery: Redis when REDIS_URL is set, otherwise in-process and eager.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if _worker.startswith("gw") and _worker[2:].isdecimal():
        # Parallel test workers each get a Redis database of their own (counting down from the URL's), so one
        # worker's cache.clear() never wipes the rate-limit counters another worker's test is counting.
        _url = urlsplit(REDIS_URL)
        _db = (int(_url.path.strip("/") or 0) - int(_worker[2:])) % 16
        CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_db}"))
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_EAGER", not REDIS_URL)
# Without a worker, long jobs (large imports, exports) run in a thread beside the request so the
# page answers at once and shows their progress; tests keep them synchronous.
JOBS_EAGER_IN_THREAD = env_bool("JOBS_EAGER_IN_THREAD", True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@careers.example.edu.cn")
# Absolute site address for links in e-mails, e.g. https://careers.example.edu.cn
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
# SMS gateway (careers.core.sms): console backend unless a provider is configured, e.g.
# SMS_BACKEND=careers.core.sms.aliyun.AliyunBackend with the AccessKey, 签名 and template codes.
SMS = {
    "backend": os.environ.get("SMS_BACKEND", "careers.core.sms.backends.ConsoleBackend"),
    "access_key_id": os.environ.get("SMS_ACCESS_KEY_ID", ""),
    "access_key_secret": os.environ.get("SMS_ACCESS_KEY_SECRET", ""),
    "sign_name": os.environ.get("SMS_SIGN_NAME", ""),
    "endpoint": os.environ.get("SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/"),
    "timeout": float(os.environ.get("SMS_TIMEOUT", "10")),
    # logical name → provider template code, as "appeal_password=SMS_123,other=SMS_456"
    "templates": dict(item.split("=", 1) for item in env_list("SMS_TEMPLATES") if "=" in item),
}
# 工商信息比对 (careers.recruitment.employers.registry_client): disabled unless a provider is configured.
BUSINESS_REGISTRY = {
    "backend": os.environ.get("BUSINESS_REGISTRY_BACKEND",
                              "careers.recruitment.employers.registry_client.DisabledRegistryClient"),
    **({"base_url": os.environ["BUSINESS_REGISTRY_URL"], "app_key": os.environ.get("BUSINESS_REGISTRY_APP_KEY", ""),
        "app_secret": os.environ.get("BUSINESS_REGISTRY_APP_SECRET", "")} if os.environ.get("BUSINESS_REGISTRY_URL")
       else {}),
}
# Messages per second per channel; the messaging service throttles to this.
MESSAGE_RATE_LIMITS = {"email": float(os.environ.get("EMAIL_RATE_PER_SECOND", "10"))}
# 职位智能匹配: at most N new matched jobs per student per night, sent on these message channels
# (the WeChat channel is added to the list when it is registered).
JOB_MATCH_MAX_PER_STUDENT = int(os.environ.get("JOB_MATCH_MAX_PER_STUDENT", "5"))
JOB_MATCH_CHANNELS = tuple(env_list("JOB_MATCH_CHANNELS", "inbox,email"))
# 活动提醒 (issue 6, stats): the day-before reminders of talks and fairs go out on these channels
# (the WeChat channel is added when it is registered).
EVENT_REMINDER_CHANNELS = tuple(env_list("EVENT_REMINDER_CHANNELS", "inbox,email"))

# WeChat (careers/wechat): the real endpoints, or WECHAT_FAKE_URL=http://127.0.0.1:8765 to point everything at the
# fake WeChat (`manage.py wechat_fake`, started by `make run-wechat`): official-account API, OAuth, QR images, Pay v3.
WECHAT_FAKE_URL = os.environ.get("WECHAT_FAKE_URL", "").rstrip("/")
WECHAT_API_BASE = WECHAT_FAKE_URL + "/" if WECHAT_FAKE_URL else "https://api.weixin.qq.com/"
WECHAT_OPEN_BASE = WECHAT_FAKE_URL + "/" if WECHAT_FAKE_URL else "https://open.weixin.qq.com/"
WECHAT_MP_BASE = WECHAT_FAKE_URL + "/" if WECHAT_FAKE_URL else "https://mp.weixin.qq.com/"
WECHATPAY_API_BASE = WECHAT_FAKE_URL or "https://api.mch.weixin.qq.com"
WECHAT_TIMEOUT = float(os.environ.get("WECHAT_TIMEOUT", "4"))  # seconds per API call
# WeChat's template-message quota is per day; the send rate keeps a batch from bursting it (messages/second).
MESSAGE_RATE_LIMITS["wechat"] = float(os.environ.get("WECHAT_RATE_PER_SECOND", "50"))

# School SSO (CAS/OIDC) and WeChat QR login plug in as extra login providers.
LOGIN_PROVIDERS = env_list("LOGIN_PROVIDERS")

# Data scope (core/scoping.py): admins see the rows linked to the majors they manage; students reach a
# major through `major`.
SCOPE_ROOT_MODEL = "org.Major"

DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_PAGE_RANGE = 7

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

FILTERS_EMPTY_CHOICE_LABEL = "全部"
FILTERS_NULL_CHOICE_LABEL = "（空）"

# 签到设备接口 (issue 6, checkin area): calls per device per window (seconds) before 429, and how long a
# worker memoises a device's and an event's row (disabling a device / cancelling an event applies within it).
EVENTS_CHECKIN_DEVICE_RATE = (int(os.environ.get("EVENTS_CHECKIN_DEVICE_RATE", "600")), 60)
EVENTS_CHECKIN_CACHE_SECONDS = int(os.environ.get("EVENTS_CHECKIN_CACHE_SECONDS", "5"))
