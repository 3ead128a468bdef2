"""The one settings module. Everything that differs between deployments comes from
environment variables (``TSUNAGARI_*``, ``DATABASE_URL``); secrets may also come from
``<NAME>_FILE`` so they can live in a mounted secret instead of the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
# In a checkout (``pip install -e``) this is the repository root; data lives under it.
CHECKOUT_DIR = PACKAGE_DIR.parents[1]


def env_str(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("TSUNAGARI_DEBUG")
# Demo mode serves the fictional demo municipality; it may run without a configured secret.
DEMO = env_bool("TSUNAGARI_DEMO")

DATA_DIR = Path(env_str("TSUNAGARI_DATA_DIR", str(CHECKOUT_DIR / "var")))

SECRET_KEY = env_str("TSUNAGARI_SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or DEMO):
        raise ImproperlyConfigured(
            "TSUNAGARI_SECRET_KEY (or TSUNAGARI_SECRET_KEY_FILE) must be set "
            "unless TSUNAGARI_DEBUG or TSUNAGARI_DEMO is on."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-and-demo"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "TSUNAGARI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG or DEMO else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django-ninja's templates and static files: the API docs page serves its own copy
    # of Swagger UI instead of loading it from a CDN.
    "ninja",
    # Staff accounts: TOTP two-factor with backup codes, lockout after repeated failures.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Background tasks (reminders) kept in the database and run by `tsunagari worker`.
    "django_tasks",
    "django_tasks_db",
    "tsunagari.core",
    "tsunagari.audit",
    "tsunagari.directory",
    "tsunagari.organizations",
    "tsunagari.accounts",
    "tsunagari.freshness",
    "tsunagari.search",
    "tsunagari.navigator",
    "tsunagari.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses sign-in while an account is locked out after repeated failures.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

ROOT_URLCONF = "tsunagari.urls"
WSGI_APPLICATION = "tsunagari.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tsunagari.core.context_processors.site",
                "tsunagari.core.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'tsunagari.sqlite3'}"),
        conn_max_age=int(env_str("TSUNAGARI_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no data directory yet; SQLite creates the file, not its folder.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while an import writes; a busy timeout instead of
    # "database is locked" errors when two processes write at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Japanese is the source language of the interface. やさしい日本語 (plain Japanese for
# people still learning it, and for children) is its own catalogue under the code
# "ja-easy" (a valid BCP 47 private-style subtag that Django accepts). Public pages carry
# the language in the URL (/, /ja-easy/, /en/): no language cookie, nothing stored.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("ja-easy", "やさしい日本語"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "TSUNAGARI_STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Demo and debug serve static files straight from the apps, with no collectstatic step.
WHITENOISE_USE_FINDERS = DEBUG or DEMO

SESSION_COOKIE_SECURE = not (DEBUG or DEMO)
CSRF_COOKIE_SECURE = not (DEBUG or DEMO)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Name of the deployment shown in page headers (a municipality or a prefecture).
TSUNAGARI_SITE_NAME = env_str("TSUNAGARI_SITE_NAME", "つながり")

# Map tiles: the only thing a public page may load from another host. Empty ("none" also
# works) means no tiles at all: the map then shows only the markers (tests run like this).
GSI_TILE_URL = "https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"
GSI_ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html">地理院タイル</a>'
TSUNAGARI_TILE_URL = env_str("TSUNAGARI_TILE_URL", GSI_TILE_URL)
if TSUNAGARI_TILE_URL.lower() == "none":
    TSUNAGARI_TILE_URL = ""
TSUNAGARI_TILE_ATTRIBUTION = env_str(
    "TSUNAGARI_TILE_ATTRIBUTION",
    GSI_ATTRIBUTION if TSUNAGARI_TILE_URL == GSI_TILE_URL else "",
)

# Freshness: a reminder to an organisation about its unverified listings is repeated at
# most every this many days; links in reminder e-mails start with the site's address.
TSUNAGARI_REMINDER_INTERVAL_DAYS = int(env_str("TSUNAGARI_REMINDER_INTERVAL_DAYS", "30"))
TSUNAGARI_SITE_URL = env_str(
    "TSUNAGARI_SITE_URL", "http://localhost:8000" if DEBUG or DEMO else ""
).rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("TSUNAGARI_LOG_LEVEL", "INFO")},
}
