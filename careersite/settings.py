"""Settings for careersite, read from environment variables.

Defaults are safe for a developer's machine: SQLite in var/, local-memory cache, DEBUG off.
With DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set, or start-up fails with a message.
A local run's variables are also read from var/local.env (written by `make setup`) when that
file exists, so that manage.py finds the settings `make run` uses; see read_env_file().
"""

import io
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from dotenv import dotenv_values
from dotenv.parser import parse_stream

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file(path, environ=os.environ):
    """Put the NAME=value lines of the file at path into environ, except names that environ
    already has: the environment always wins. Returns what the file holds.

    python-dotenv reads the file (quotes, escapes, `export`, comments); values are taken
    literally, without ${VAR} expansion. dotenv itself only logs a line it cannot parse and
    skips it, so its parser is asked first and such a line stops start-up with its number (not
    its text: it may hold the secret key)."""
    path = Path(path)
    if not path.is_file():
        raise ImproperlyConfigured(f"LOCAL_ENV_FILE names {path}, which is not a file.")
    text = path.read_text(encoding="utf-8")
    for binding in parse_stream(io.StringIO(text)):
        if binding.error or (binding.key is not None and binding.value is None):
            # dotenv's line number is where the blank lines before the statement begin.
            statement = binding.original.string
            blank = statement.count("\n", 0, len(statement) - len(statement.lstrip()))
            line = binding.original.line + blank
            raise ImproperlyConfigured(
                f"{path}, line {line}: expected NAME=value, a comment starting with # or a "
                "blank line."
            )
    values = dotenv_values(stream=io.StringIO(text), interpolate=False)
    for name, value in values.items():
        environ.setdefault(name, value)
    return values


def local_env_file(environ=os.environ, default=BASE_DIR / "var" / "local.env"):
    """The file read_env_file() reads: the one LOCAL_ENV_FILE names (none when it is set but
    empty), otherwise var/local.env if it exists."""
    if "LOCAL_ENV_FILE" in environ:
        return Path(environ["LOCAL_ENV_FILE"]) if environ["LOCAL_ENV_FILE"] else None
    return default if default.is_file() else None


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_required(name, why):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set {why}.")
    return value


# A local run's variables: `make setup` writes var/local.env (SECRET_KEY, DEBUG=false,
# SECURE_HTTPS=false, SERVE_MEDIA=true, ALLOWED_HOSTS) so that manage.py, typed by hand, runs
# with the settings `make run` uses. Read only when it exists, and never over a variable that
# is set. LOCAL_ENV_FILE names another file; set but empty, no file is read: `make test` and
# `make check-deploy` do that, and so should production.
LOCAL_ENV_FILE = local_env_file()
if LOCAL_ENV_FILE:
    read_env_file(LOCAL_ENV_FILE)

DEBUG = env_bool("DEBUG")

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-only"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
else:
    SECRET_KEY = env_required("SECRET_KEY", "when DEBUG is off (a long random string)")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must be set when DEBUG is off "
            "(comma-separated host names, e.g. yrke.example.no)."
        )

# Served over HTTPS: secure cookies, HSTS and redirects. Off for a plain-HTTP local run.
SECURE_HTTPS = env_bool("SECURE_HTTPS", default=not DEBUG)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "accounts",
    "simple_history",
    "norwegian",
    "changes",
    "scheduling",
    "registers",
    "classifications",
    "regions",
    "occupations",
    "employers",
    "related",
    "pagecache",
    "operations",
    "search",
    "pages",
    "compare",
    "api",
    "derived",
    "roles",
]

MIDDLEWARE = [
    # Outermost: one JSON line per request, with the time everything below took.
    "operations.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "operations.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # /api/v1/: rate limit per client address and CORS, before the page cache can answer.
    "api.middleware.ApiMiddleware",
    # ETag and 304 for fresh and cached pages alike, so it sits outside the page cache.
    "django.middleware.http.ConditionalGetMiddleware",
    # As early as it can be: a cached page skips everything below (pagecache/middleware.py).
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "norwegian.middleware.AddressLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffVerificationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who saved each occupation version (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login that django-axes refused into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careersite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "careersite.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: wait for locks instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# Read replicas (docs/scaling.md#read-replicas): PostgreSQL streaming replicas that serve
# anonymous reads once they have replayed what the page must show (operations/replicas.py).
REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
for number, url in enumerate(REPLICA_URLS, start=1):
    DATABASES[f"replica{number}"] = {
        **dj_database_url.parse(url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]),
        "OPTIONS": {"connect_timeout": 2},
        # The test suite reads them through the primary's test database.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = []
if REPLICA_URLS:
    DATABASE_ROUTERS = ["operations.replicas.ReplicaRouter"]
    # Inside the page cache, which tells it what a page must show.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("pagecache.middleware.PageCacheMiddleware") + 1,
        "operations.replicas.ReplicaMiddleware",
    )
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 10)
REPLICA_CHECK_SECONDS = env_int("REPLICA_CHECK_SECONDS", 5)
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
# The cookie that pins a client that has just written to the primary; the page cache serves
# such a client no copy from before its change either.
WRITE_PIN_COOKIE = "yrke_primary"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# The full-page cache (pagecache/) keeps rendered public pages for anonymous visitors and
# finds them through a generation token that every content change replaces. Every process
# (gunicorn workers, import commands) must see the same token, so without Redis the pages go
# to a file-based cache shared on this machine rather than to per-process local memory.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(60 * 60)))
# After the page cache fails to answer, pages are served uncached this long before it is
# tried again (pagecache/store.py); a Redis that does not answer within REDIS_TIMEOUT_SECONDS
# counts as failed.
PAGE_CACHE_RETRY_SECONDS = env_int("PAGE_CACHE_RETRY_SECONDS", 5)
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.5"))
if REDIS_URL:
    _redis_options = {
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
    }
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careersite",
            "OPTIONS": _redis_options,
        },
        "pages": {
            "BACKEND": "pagecache.redis.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careersite-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": _redis_options,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "pages")),
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# Work after a write that can be slow (bringing the search index, the employers per
# occupation and the cached pages up to date, see changes/ and derived/) runs as a task of
# Django's tasks framework: at once in the process that wrote ("immediate": `make run`, the
# tests, a single server), or in worker processes (`manage.py db_worker`) with "database".
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# The scheduled jobs (`manage.py work`, docs/workers.md): how often a running job's worker
# writes a sign of life. A job whose worker is silent for longer than the job's lease (5
# minutes unless the job says otherwise) is taken to be dead and started again.
SCHEDULER_HEARTBEAT_SECONDS = float(os.environ.get("SCHEDULER_HEARTBEAT_SECONDS", "30"))
# Successful runs are listed this many days, failed ones until deleted.
SCHEDULER_KEEP_DAYS = int(os.environ.get("SCHEDULER_KEEP_DAYS", "30"))

# What browsers (max-age) and a CDN in front (s-maxage) may keep a public page, in seconds,
# then serve stale while they revalidate (a conditional GET that usually gets a 304). Browsers
# revalidate every time by default, so a visitor sees a publication at once; the 304 is cheap.
PAGE_MAX_AGE = int(os.environ.get("PAGE_MAX_AGE", "0"))
PAGE_SHARED_MAX_AGE = int(os.environ.get("PAGE_SHARED_MAX_AGE", "300"))
PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_STALE_WHILE_REVALIDATE", "600"))
# After a change, a page not yet rendered anew is served from its earlier copy for at most
# PAGE_STALE_SECONDS while one request renders it (its claim lapses after the lock's seconds).
PAGE_STALE_SECONDS = env_int("PAGE_STALE_SECONDS", 5)
# Each process keeps the pages it served last (checked against the shared generation on every
# request), so that a hit fetches only the generation from Redis; 0 turns this off.
PAGE_CACHE_LOCAL_PAGES = env_int("PAGE_CACHE_LOCAL_PAGES", 200)
PAGE_RENDER_LOCK_SECONDS = env_int("PAGE_RENDER_LOCK_SECONDS", 10)

# The open-data API (/api/v1/, docs/api.md): requests per client address (TRUSTED_PROXY_COUNT
# decides which address that is) in a window of API_RATE_WINDOW seconds; 0 turns the limit off.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
API_RATE_WINDOW = env_int("API_RATE_WINDOW", 60)

# Staff login (README, "Login safety"). django-axes checks every login first and locks out a
# username, and an address, after LOGIN_FAILURE_LIMIT failed attempts for LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
# A username wherever the attempts come from, and an address whatever usernames it tries. An
# administrator lifts a lockout in the admin (Axes → access attempts) or with
# `manage.py axes_reset_username <username>` / `axes_reset_ip <address>`.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_ip"
# Reverse proxies in front of the site that append to X-Forwarded-For (one with SECURE_HTTPS).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if SECURE_HTTPS else 0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# Two-step login with an authenticator app (TOTP, django-otp; docs/two-factor.md): staff who
# have set up an app always give a code; with STAFF_2FA_REQUIRED every staff member must (set
# one up and) give one. OTP_TOTP_ISSUER is the name the app shows beside the codes.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "yrke")
# The admin's "TOTP devices" never shows a saved device's key or QR code: an administrator
# only removes a lost phone's device, and a key on screen would let anyone who sees it make codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The user interface in bokmål (the source language of every string), nynorsk and English.
# Public pages are served under a language prefix (/nn/…, /en/…; bokmål without one, see
# careersite/urls.py); what editors write stays bokmål in every language.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Numbers as each language writes them: 1 234 (no-break space) in nb and nn, 1,234 in en.
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Django serves uploaded files itself only where no web server does (a local run).
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)

# Uploaded images must be where every app server sees them: MEDIA_ROOT on a folder they all
# mount (the default), or with MEDIA_STORAGE=s3 an S3-compatible bucket through django-storages
# (install the `s3` extra: pip install -e '.[s3]'); the address of each file is then the
# bucket's (AWS_S3_CUSTOM_DOMAIN for a CDN in front of it).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
MEDIA_ORIGIN = ""  # where images come from when that is not this site (for the CSP)
if MEDIA_STORAGE == "filesystem":
    MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = env_required("AWS_STORAGE_BUCKET_NAME", "when MEDIA_STORAGE is s3")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "").rstrip("/")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "")
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN or None,
            # Public images at stable addresses, which the page cache may keep.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGIN = AWS_S3_ENDPOINT_URL
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {MEDIA_STORAGE!r}.")
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Register imports: where import_all finds the files, and where SQLite runs keep their locks.
IMPORT_DIR = Path(os.environ.get("IMPORT_DIR", BASE_DIR / "var" / "imports"))
IMPORT_LOCK_DIR = Path(os.environ.get("IMPORT_LOCK_DIR", BASE_DIR / "var" / "locks"))

# The public sources the scheduled jobs download themselves (docs/workers.md#fetchers).
# Brønnøysundregistrene's bulk download of all establishments (gzip-compressed JSON).
BRREG_UNDERENHETER_URL = os.environ.get(
    "BRREG_UNDERENHETER_URL", "https://data.brreg.no/enhetsregisteret/api/underenheter/lastned"
)
# SSB's PxWebApi v2, JSON-stat 2.0: monthly earnings (table 11418) and graduates' occupations.
# Each must select one category of every dimension the import does not read (valueCodes[…]=…,
# docs/data-feeds.md); the education table has no default address, so its job does nothing
# until one is set.
SSB_EARNINGS_URL = os.environ.get(
    "SSB_EARNINGS_URL",
    "https://data.ssb.no/api/pxwebapi/v2/tables/11418/data?lang=no&outputFormat=json-stat2",
)
SSB_EDUCATION_URL = os.environ.get("SSB_EDUCATION_URL", "")
# SSB KLASS: STYRK-08 (7), counties (104), municipalities (131).
KLASS_URL = os.environ.get("KLASS_URL", "https://data.ssb.no/api/klass/v1/classifications")
# Downloads: the largest file accepted (bytes), attempts for a failing request (429, 5xx,
# connection errors) and the back-off factor between them (seconds: factor × 2^n).
FETCH_MAX_BYTES = int(os.environ.get("FETCH_MAX_BYTES", str(2 * 1024**3)))
FETCH_RETRIES = int(os.environ.get("FETCH_RETRIES", "4"))
FETCH_BACKOFF = float(os.environ.get("FETCH_BACKOFF", "2"))
FETCH_TIMEOUT = float(os.environ.get("FETCH_TIMEOUT", "60"))

# Limits for images that editors upload (checked with Pillow).
IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MIN_WIDTH = 640
IMAGE_MAX_PIXELS = 40_000_000

# Security headers. The Content-Security-Policy allows scripts and styles only from this
# site's own files (no 'unsafe-inline'); Django adds a per-response nonce where a template
# asks for one ({% csp_nonce_attr %}, as the admin does). Public templates need none: they
# have no inline scripts or styles, and JSON-LD is a data block that CSP does not govern.
# So public pages carry the same policy every time and can be cached whole (pagecache/).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page here uses (operations/headers.py sends the header).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Staff sessions (only staff log in) last SESSION_COOKIE_AGE seconds from login, 8 hours by
# default, and optionally end when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE")
if SECURE_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer's health check may come over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_CSP["upgrade-insecure-requests"] = True

# One JSON object a line on standard output, for every log record: request lines from
# operations.logging.RequestLogMiddleware ("yrke.requests") and everything else.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own 4xx/5xx lines would repeat the request line; errors still come through.
    # django-axes logs every login at INFO; its warnings (failed logins, lockouts) are enough.
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Every task's start and end; failures are logged by the task itself (changes/).
        "django.tasks": {"level": "WARNING"},
    },
}
