"""Settings, read from environment variables and failing closed.

``LANTU_MODE`` is ``development`` (the default: the demo and the tests) or ``production``.
Production refuses to start with the default secret key, with DEBUG on or with no allowed hosts.
``DATABASE_URL`` switches from the embedded SQLite database to PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lantu.demo.day import DEMO_DAY

BASE_DIR = Path(__file__).resolve().parent  # src/lantu
PROJECT_DIR = BASE_DIR.parent.parent  # the repository root

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


MODE = os.environ.get("LANTU_MODE", "development")
if MODE not in {"development", "production"}:
    raise ImproperlyConfigured(f"LANTU_MODE must be development or production, not {MODE!r}")
PRODUCTION = MODE == "production"

DEFAULT_SECRET_KEY = "lantu-development-key-never-use-in-production"
SECRET_KEY = os.environ.get("LANTU_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("LANTU_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("LANTU_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
# Demo mode lists the demo people's logins on the login page. Never in production.
DEMO = env_bool("LANTU_DEMO", False)


def env_date(name: str, default: dt.date | None) -> dt.date | None:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a date (YYYY-MM-DD), not {raw!r}") from exc


# The day the system works on (lantu.core.clock): pinned for a demo or training copy, by
# default the demo's own day in demo mode; otherwise today. Never pinned in production.
LANTU_TODAY = env_date("LANTU_TODAY", DEMO_DAY if DEMO else None)

if PRODUCTION:
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production needs LANTU_SECRET_KEY: 50 or more random characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("Production refuses to start with LANTU_DEBUG on.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs LANTU_ALLOWED_HOSTS.")
    if DEMO:
        raise ImproperlyConfigured("Production refuses to start in demo mode (LANTU_DEMO).")
    if LANTU_TODAY is not None:
        raise ImproperlyConfigured("Production works on the real date; unset LANTU_TODAY.")

DATA_DIR = Path(os.environ.get("LANTU_DATA_DIR", PROJECT_DIR / "var"))
if "DATABASE_URL" not in os.environ:
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # SQLite cannot create its own folder

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "lantu.core",
    "lantu.organizations",
    "lantu.plans",
    "lantu.indicators",
    "lantu.tasks",
    "lantu.projects",
    "lantu.division",
    "lantu.monitoring",
    "lantu.ingest",
    "lantu.reporting",
    "lantu.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lantu.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lantu.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "lantu.urls"
WSGI_APPLICATION = "lantu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lantu.core.context_processors.lantu",
            ],
        },
    }
]

_sqlite_path = DATA_DIR / "lantu.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{_sqlite_path}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at the
        # start of a transaction so that two workflow steps cannot deadlock on upgrade. Writers
        # wait for the lock by polling, not in a queue: with 256 server threads, 200 reporters
        # at once saw waits past 10 s ("database is locked"); 30 s holds (bench/reporting_load.py).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=30000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    # Tests use a file, not the in-memory default: concurrency tests run real threads, and an
    # in-memory database shares one cache with table locks that ignore the busy timeout.
    # One file per process, so that test runs side by side never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"lantu-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organizations.Person"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Production serves collected files (collectstatic); development serves from the finders.
STATIC_ROOT = DATA_DIR / "static" if PRODUCTION else None
# Front-end packages come from the npm registry (package-lock.json) and are served by the app.
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/tabler", NODE_MODULES / "@tabler" / "core" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"  # outside the web root; served only through permission checks
WHITENOISE_USE_FINDERS = not PRODUCTION

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("LANTU_SESSION_SECONDS", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("LANTU_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("LANTU_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("LANTU_CSRF_TRUSTED_ORIGINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LANTU_LOG_LEVEL", "WARNING")},
}

# The region (行政区划) this installation serves; every row carries it as its tenant key.
LANTU_REGION_CODE = os.environ.get("LANTU_REGION_CODE", "")
# Warning thresholds, in points behind the time-proportional schedule (defaults from practice).
LANTU_YELLOW_GAP = env_int("LANTU_YELLOW_GAP", 10)
LANTU_RED_GAP = env_int("LANTU_RED_GAP", 30)
LANTU_ON_TRACK_BAND = env_int("LANTU_ON_TRACK_BAND", 5)
LANTU_DUE_SOON_DAYS = env_int("LANTU_DUE_SOON_DAYS", 30)
if not 0 <= LANTU_YELLOW_GAP <= LANTU_RED_GAP:
    raise ImproperlyConfigured("Need 0 <= LANTU_YELLOW_GAP <= LANTU_RED_GAP.")
# Rows per page on list pages and API lists.
LANTU_PAGE_SIZE = env_int("LANTU_PAGE_SIZE", 25)

# Background jobs (reminders, notifications) through the django-tasks API. "database" keeps
# them in the database for `lantu db_worker` (production, the demo); "immediate" runs them
# when the enqueuing transaction commits (the tests' default). Jobs are enqueued on commit.
LANTU_TASKS = os.environ.get("LANTU_TASKS", "database" if PRODUCTION else "immediate")
if LANTU_TASKS not in {"database", "immediate"}:
    raise ImproperlyConfigured("LANTU_TASKS must be database or immediate.")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if LANTU_TASKS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}

# E-mail: the console in development (messages are printed), SMTP from the environment in
# production.
EMAIL_BACKEND = os.environ.get(
    "LANTU_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("LANTU_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LANTU_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("LANTU_FROM_EMAIL", "lantu@localhost")

# Reporting: reminders go this many days before a deadline; a figure that moves more than
# LANTU_JUMP_PERCENT from the last accepted one must be explained; evidence files are limited.
LANTU_REMIND_DAYS_BEFORE = env_int("LANTU_REMIND_DAYS_BEFORE", 3)
LANTU_JUMP_PERCENT = env_int("LANTU_JUMP_PERCENT", 50)
LANTU_EVIDENCE_MAX_MB = env_int("LANTU_EVIDENCE_MAX_MB", 20)
# Warnings: a unit answers a warning with a rectification within this many days, or the
# warning goes up to the unit's leader.
LANTU_RECTIFY_DAYS = env_int("LANTU_RECTIFY_DAYS", 15)
