"""The one settings module. Everything that differs between deployments comes from
environment variables (``TSUNAGARI_*``, ``DATABASE_URL``); secrets may also come from
``<NAME>_FILE`` so they can live in a mounted secret instead of the environment."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
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


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


DEBUG = env_bool("TSUNAGARI_DEBUG")
# Demo mode serves the fictional demo municipality; it may run without a configured secret.
DEMO = env_bool("TSUNAGARI_DEMO")
# Everything else is production: https only, secure cookies, a real secret, JSON logs.
PRODUCTION = not (DEBUG or DEMO)

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
# Only needed when a form is posted from another origin (e.g. a staff portal host);
# same-origin posts are checked against the Host header already.
CSRF_TRUSTED_ORIGINS = env_list("TSUNAGARI_CSRF_TRUSTED_ORIGINS", [])

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
    "tsunagari.stewardship",
    "tsunagari.freshness",
    "tsunagari.search",
    "tsunagari.navigator",
    "tsunagari.api",
    "tsunagari.surveys",
    "tsunagari.indicators",
]

MIDDLEWARE = [
    # First: every later log line of the request carries its id, redirects included.
    "tsunagari.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
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

# -- Staff accounts: sessions, re-authentication, lockout, e-mail ----------------------
# Staff sessions last one working day (and end when the browser closes); the public side
# never gets a session or a cookie.
SESSION_COOKIE_AGE = int(env_str("TSUNAGARI_SESSION_HOURS", "10")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sensitive actions (password change, turning two-factor off, managing members) ask for
# the password again when it was last entered longer ago than this.
TSUNAGARI_REAUTH_SECONDS = int(env_str("TSUNAGARI_REAUTH_SECONDS", "600"))
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = env_str("TSUNAGARI_SITE_NAME", "つながり")

# django-axes: 5 failed sign-ins for one user name lock that name for 30 minutes, from
# every address. Counting by user name alone (not by the IP+user-name combination) is a
# deliberate choice: the combination lets anyone who can spread guesses over many
# addresses (or sit behind a shared proxy whose address we cannot trust) keep guessing
# a partner's password, and partners need not have a second factor. The price is that
# someone can lock a known user name on purpose; the lock ends by itself, further tries
# during it do not extend it, and a password reset through the e-mailed link lifts it.
#
# No lock by address, alone or combined: municipal staff often reach the internet through
# one shared gateway (LGWAN, a prefecture's proxy), so a lock by address would lock a
# whole office out after a few typos. axes' check W006 asks for an address parameter
# because user-agent or cookie parameters can be rotated; the user name cannot be, so
# that warning does not apply here and is silenced.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_ENABLED = env_bool("TSUNAGARI_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(env_str("TSUNAGARI_LOCKOUT_FAILURES", "5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = float(env_str("TSUNAGARI_LOCKOUT_MINUTES", "30")) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "tsunagari.accounts.views.signin.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Successful sign-ins are in the audit record already; axes keeps only the failures it
# needs to count (no address or browser log of every staff sign-in). Axes acts only on
# sign-in attempts: public pages never reach it.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = DEBUG

# E-mail (password reset, invitations). Debug and demo print mails on the console;
# production sends them through SMTP: TSUNAGARI_EMAIL_URL such as
# smtp+tls://user:password@mail.example.jp:587 (smtp:// plain, smtps:// TLS from the
# start, console:// to print), or TSUNAGARI_EMAIL_HOST / _PORT / _USER / _PASSWORD(_FILE)
# / _USE_TLS. Tests use Django's in-memory outbox.
DEFAULT_FROM_EMAIL = env_str("TSUNAGARI_DEFAULT_FROM_EMAIL", "tsunagari@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = f"[{env_str('TSUNAGARI_SITE_NAME', 'つながり')}] "
EMAIL_TIMEOUT = 20


def _email_settings() -> dict[str, object]:
    from urllib.parse import unquote, urlsplit

    url = env_str("TSUNAGARI_EMAIL_URL")
    if not url:
        if DEBUG or DEMO:
            return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": env_str("TSUNAGARI_EMAIL_HOST", "localhost"),
            "EMAIL_PORT": int(env_str("TSUNAGARI_EMAIL_PORT", "25")),
            "EMAIL_HOST_USER": env_str("TSUNAGARI_EMAIL_USER"),
            "EMAIL_HOST_PASSWORD": env_str("TSUNAGARI_EMAIL_PASSWORD"),
            "EMAIL_USE_TLS": env_bool("TSUNAGARI_EMAIL_USE_TLS"),
        }
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    ports = {"smtp": 25, "smtp+tls": 587, "smtps": 465}
    if parts.scheme not in ports:
        raise ImproperlyConfigured(
            "TSUNAGARI_EMAIL_URL must start with smtp://, smtp+tls://, smtps:// or console://"
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or ports[parts.scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtps",
    }


_EMAIL = _email_settings()
EMAIL_BACKEND = str(_EMAIL["EMAIL_BACKEND"])
EMAIL_HOST = str(_EMAIL.get("EMAIL_HOST", "localhost"))
EMAIL_PORT = int(str(_EMAIL.get("EMAIL_PORT", 25)))
EMAIL_HOST_USER = str(_EMAIL.get("EMAIL_HOST_USER", ""))
EMAIL_HOST_PASSWORD = str(_EMAIL.get("EMAIL_HOST_PASSWORD", ""))
EMAIL_USE_TLS = bool(_EMAIL.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_EMAIL.get("EMAIL_USE_SSL", False))

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
                "tsunagari.accounts.context_processors.staff",
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
    # "database is locked" errors when two processes write at once. Pages of 8 KiB (as
    # PostgreSQL's) for a new database: an import of many rows with random ids writes
    # 15-20% faster than with 4 KiB (bench/run.py). The page size must come before WAL
    # and only takes effect when the file is created (or on VACUUM).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": (
            "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        ),
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

# -- Transport and cookies -------------------------------------------------------------
# Production answers only over https. Behind a reverse proxy that ends TLS, name the
# header it sets (TSUNAGARI_PROXY_SSL_HEADER=X-Forwarded-Proto) so Django knows the
# request was https; the proxy must overwrite that header, never pass a client's on.
SECURE_SSL_REDIRECT = env_bool("TSUNAGARI_SSL_REDIRECT", PRODUCTION)
_proxy_ssl_header = env_str("TSUNAGARI_PROXY_SSL_HEADER")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_ssl_header.strip().upper().replace("-", "_"),
        "https",
    )
# How many reverse proxies in front of the site append the client's address to
# X-Forwarded-For (0: REMOTE_ADDR is the client). The per-client bounds (core.ratelimit)
# need it: without it, every resident behind the proxy shares one bound.
TRUSTED_PROXY_COUNT = env_int("TSUNAGARI_TRUSTED_PROXIES", 0)
# HSTS: browsers remember for a year to use https only. includeSubDomains covers only
# names below this site's own host. Preloading is for whoever owns the registered
# domain to decide (the header alone commits nothing; submitting to the list does).
SECURE_HSTS_SECONDS = env_int("TSUNAGARI_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TSUNAGARI_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("TSUNAGARI_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS += [] if SECURE_HSTS_PRELOAD else ["security.W021"]

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
# The CSRF cookie keeps Django's default (not HttpOnly: hiding it protects nothing).
# Scripts take the token from the page ({% csrf_token %}, hx-headers), never from the
# cookie by name: in production its name carries the __Host- prefix.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    # __Host- cookies are https-only, for this exact host and path /: no other host
    # under the same domain (other sites of the municipality) can set or read them, so
    # none can plant a CSRF cookie of its choosing.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
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


def tile_origin(url: str) -> list[str]:
    """The origin the map's tiles come from, for the CSP (a Leaflet ``{s}`` subdomain
    placeholder becomes a wildcard)."""
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured(f"TSUNAGARI_TILE_URL must be an http(s) URL, not {url!r}")
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"]


# -- Cache ----------------------------------------------------------------------------------
# The per-client bounds (core.ratelimit) count in the cache. Django's default cache lives
# in each server process, so with several processes each keeps its own counts; a shared
# Redis (TSUNAGARI_CACHE_URL=redis://127.0.0.1:6379/0) makes them one.
_cache_url = env_str("TSUNAGARI_CACHE_URL")
if _cache_url:
    if urlsplit(_cache_url).scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(
            f"TSUNAGARI_CACHE_URL must be a redis://, rediss:// or unix:// URL, not {_cache_url!r}"
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "tsunagari",
        }
    }

# -- Content Security Policy (django-csp) -----------------------------------------------
# Only our own scripts and styles, never inline ones: an inline script that is ever truly
# needed carries nonce="{{ request.csp_nonce }}" (the nonce appears in the header only
# on pages that use it). Leaflet positions tiles and markers through element.style,
# which CSP does not govern.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *tile_origin(TSUNAGARI_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# -- Logs ----------------------------------------------------------------------------------
# JSON lines in production (one object per event, for a log collector), plain text when
# a person reads the console. No log line holds a query string, an IP address or a user
# agent: what residents search for is theirs (see tsunagari.core.logging).
TSUNAGARI_LOG_FORMAT = env_str("TSUNAGARI_LOG_FORMAT", "json" if PRODUCTION else "plain")
if TSUNAGARI_LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(
        f"TSUNAGARI_LOG_FORMAT must be json or plain, not {TSUNAGARI_LOG_FORMAT!r}"
    )
# Freshness: a reminder to an organisation about its unverified listings is repeated at
# most every this many days; links in reminder e-mails start with the site's address.
TSUNAGARI_REMINDER_INTERVAL_DAYS = env_int("TSUNAGARI_REMINDER_INTERVAL_DAYS", 30)
# How long a link in an invitation e-mail works.
TSUNAGARI_INVITATION_DAYS = env_int("TSUNAGARI_INVITATION_DAYS", 7)
TSUNAGARI_SITE_URL = env_str(
    "TSUNAGARI_SITE_URL", "http://localhost:8000" if DEBUG or DEMO else ""
).rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tsunagari.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "tsunagari.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": TSUNAGARI_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("TSUNAGARI_LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's own access line holds the full URL with its query string; the
        # request-id middleware writes one without it ("tsunagari.request").
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
