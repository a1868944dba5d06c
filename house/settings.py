"""Settings of Hausportal, read from the environment.

One module for every place the portal runs: with no environment set it is the
embedded development setup (SQLite, Celery eager, mail to a folder); production
is this same file with other environment values (see ``.env.example``).
The helpers below refuse malformed values instead of guessing.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, default: str, schemes: set[str]) -> str:
    value = os.environ.get(name, default)
    if value and urlparse(value).scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must be a URL with scheme {allowed}, got {value!r}")
    return value


# --- Core -------------------------------------------------------------------

# Off unless switched on: a deploy that forgets DEBUG must not show the debug page
# (with the database URL) or drop HSTS and secure cookies. `make run`, `make test`
# and the test suite (house.dev_settings) switch it on for development.
DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. In production set SECRET_KEY to a "
            "long random value (see .env.example); for development set DEBUG=true "
            "(`make run` does)."
        )
    SECRET_KEY = "development-only-insecure-key-never-use-in-production-9f2c7a41"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", {"http", "https"}).rstrip("/")

INSTALLED_APPS = [
    "house",
    "tenants",
    "rooms",
    "rooms.billing",
    "events",
    "house.volunteers",
    "house.governance",
    "tenants.network",
    "sociallab",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_htmx",
    "django_ratelimit",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the user is known: the 404 and 400 pages show the navigation.
    "house.middleware.RefuseNulBytesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "house.middleware.StaffIdleTimeoutMiddleware",
    "house.middleware.RequireStaffMFAMiddleware",
    # Answers a public form's "too many requests" with the German 429 page (house.abuse).
    "django_ratelimit.middleware.RatelimitMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "house.urls"
WSGI_APPLICATION = "house.wsgi.application"
ASGI_APPLICATION = "house.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "house.context_processors.portal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

DATABASE_URL = env_url(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'var' / 'hausportal.sqlite3'}",
    {"sqlite", "postgres", "postgresql"},
)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two writers
    # queue instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    (BASE_DIR / "var").mkdir(exist_ok=True)
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env_str(
        "TEST_DATABASE_NAME", "test_hausportal"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ATOMIC_REQUESTS = False

# --- Cache, Celery ----------------------------------------------------------

REDIS_URL = env_url("REDIS_URL", "", {"redis", "rediss"})


def _redis_db(url: str, db: int) -> str:
    return urlparse(url)._replace(path=f"/{db}").geturl()


if REDIS_URL:
    # The cache lives in the next Redis database after the broker's: clearing
    # the cache (tests, seed_demo) must never wipe queued tasks.
    _broker_db = int(urlparse(REDIS_URL).path.lstrip("/") or 0)
    REDIS_CACHE_URL = env_url(
        "REDIS_CACHE_URL", _redis_db(REDIS_URL, _broker_db + 1), {"redis", "rediss"}
    )
    CACHES = {
        "default": {
            # Without Redis, reads miss and writes are dropped: pages come from the database.
            "BACKEND": "house.cache.DegradingRedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hausportal"),
            "TIMEOUT": 300,
            # A Redis that does not answer must not hold a request for long.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_bool("DISABLE_CACHE", default=False):
    # Every page rendered from the database, as on a cold cache (benchmarks/inprocess.py);
    # the rate limits of public forms keep counting in the real cache.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        "ratelimit": CACHES["default"],
    }
# Rendered pieces of the page frame (navigation links, footer), per process: their
# cache keys hold everything they show, so nothing in them can go stale.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 3600,
}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without a broker tasks run in-process; services queue them with on_commit, so
# they still run only after the transaction that asked for them has committed.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Europe/Berlin"
# The reception's e-mail digest of new room requests: at most one per this many
# minutes (0: none), to these addresses (empty: reception and house management).
ROOMS_REQUEST_DIGEST_MINUTES = env_int("ROOMS_REQUEST_DIGEST_MINUTES", 60)
ROOMS_REQUEST_DIGEST_TO = env_list("ROOMS_REQUEST_DIGEST_TO", [])
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "house.sweep_outbox", "schedule": 60.0},
    "tenants-verify-directory": {
        "task": "tenants.verify_directory",
        "schedule": crontab(minute=30, hour=6),
    },
    "booking-reminders": {
        "task": "rooms.send_booking_reminders",
        "schedule": crontab(minute=0, hour=10),
    },
    "expire-unconfirmed-registrations": {
        "task": "events.expire_unconfirmed_registrations",
        "schedule": 300.0,
    },
    "booking-request-digest": {"task": "rooms.send_request_digest", "schedule": 300.0},
    "anonymise-past-registrations": {
        "task": "events.anonymise_past_registrations",
        "schedule": crontab(minute=15, hour=3),
    },
    "expire-unenrolled-staff": {"task": "house.expire_unenrolled_staff", "schedule": 3600.0},
    "purge-old-emails": {
        "task": "house.purge_old_emails",
        "schedule": crontab(minute=45, hour=3),
    },
    "import-public-holidays": {
        "task": "house.import_public_holidays",
        "schedule": crontab(minute=0, hour=3, day_of_month=1),
    },
    "network-verify-actors": {
        "task": "network.verify_actors",
        "schedule": crontab(minute=45, hour=6),
    },
    "network-freeze-due-rounds": {"task": "network.freeze_due_rounds", "schedule": 300.0},
    "network-resume-newsletters": {"task": "network.resume_newsletters", "schedule": 600.0},
    "governance-close-due-circulars": {"task": "governance.close_due_circulars", "schedule": 300.0},
    "governance-remind-due-circulars": {
        "task": "governance.remind_due_circulars",
        "schedule": crontab(minute=0, hour=9),
    },
    "governance-remind-terms-ending": {
        "task": "governance.remind_terms_ending",
        "schedule": crontab(minute=30, hour=7),
    },
    "network-prompt-working-groups": {
        "task": "network.prompt_working_groups",
        "schedule": crontab(minute=0, hour=7),
    },
    "sociallab-delete-expired-rejections": {
        "task": "sociallab.delete_expired_rejections",
        "schedule": crontab(minute=45, hour=3),
    },
    "sociallab-reminders": {
        "task": "sociallab.send_reminders",
        "schedule": crontab(minute=0, hour=9),
    },
    "volunteers-shift-reminders": {
        "task": "volunteers.send_shift_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "volunteers-understaffed-alerts": {
        "task": "volunteers.alert_understaffed_shifts",
        "schedule": crontab(minute=5),
    },
    "volunteers-expire-offers": {"task": "volunteers.expire_offers", "schedule": 300.0},
    "volunteers-qualification-notices": {
        "task": "volunteers.send_qualification_notices",
        "schedule": crontab(minute=0, hour=7),
    },
    "volunteers-delete-conduct-certificates": {
        "task": "volunteers.delete_stale_conduct_certificates",
        "schedule": crontab(minute=45, hour=3),
    },
}

# --- Accounts (django-allauth) ----------------------------------------------

AUTH_USER_MODEL = "house.User"
# One backend: allauth's e-mail login, loading the request's user with its roles
# and TOTP state in one query (house.auth).
AUTHENTICATION_BACKENDS = [
    # First: sessions name the first backend that loads users.
    "house.auth.AuthenticationBackend",
    # Object rules (each app's rules.py), asked by user.has_perm(name, obj).
    "rules.permissions.ObjectPermissionBackend",
]
#: How long a writer waits for an advisory lock (``house.locks``) before giving up.
LOCK_TIMEOUT_MS = env_int("LOCK_TIMEOUT_MS", 5000)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "house:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "house.forms.SignupForm"
ACCOUNT_ADAPTER = "house.accounts.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Changing e-mail addresses asks for the password again (as MFA's changes and
# account deletion do), however recent the login: a borrowed session is not enough.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hausportal] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind the TLS proxy of docker compose every request comes from the proxy: the
# number of trusted proxies tells allauth (and the portal's own rate limits,
# which ask allauth) which X-Forwarded-For entry is the real client.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# --- Public forms: rate limits (django-ratelimit, house.abuse) ---
# Every form sent without an account counts its POSTs per client address in the
# default cache (Redis in production). The address is allauth's reading of
# X-Forwarded-For with ALLAUTH_TRUSTED_PROXY_COUNT above.
RATELIMIT_USE_CACHE = "ratelimit" if "ratelimit" in CACHES else "default"
RATELIMIT_VIEW = "house.abuse.too_many_requests"
# While Redis is down the counters cannot be read: the forms accept posts rather
# than refuse every visitor (the honeypot still applies).
RATELIMIT_FAIL_OPEN = True
# django-ratelimit checks the cache its counters use; two of its findings do not
# apply here, and only in the configuration named:
# - django_ratelimit.W001 "not officially supported" for house.cache.DegradingRedisCache:
#   it is Django's own RedisCache, whose add and incr are Redis' atomic SETNX and INCR
#   (django-ratelimit lists only the third-party django-redis as supported).
# - django_ratelimit.E003 "not a shared cache" (and W001) for the in-memory cache of the
#   embedded development setup (DEBUG on, no REDIS_URL): `manage.py runserver`
#   serves every request from one process, so all of them share that memory.
#   Production without Redis (several gunicorn workers) keeps the error.
SILENCED_SYSTEM_CHECKS: list[str] = []
_ratelimit_backend = CACHES[RATELIMIT_USE_CACHE]["BACKEND"]
if _ratelimit_backend == "house.cache.DegradingRedisCache":
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.W001")
if DEBUG and _ratelimit_backend == "django.core.cache.backends.locmem.LocMemCache":
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
# Staff (roles that see other people's data) are signed out after this many
# minutes without a request; 0 switches the idle timeout off.
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
# A person given a staff role must set up the second factor within this many days
# (through the one-time link of the invitation); after that the staff roles end.
STAFF_ENROLMENT_DAYS = env_int("STAFF_ENROLMENT_DAYS", 7)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Hausportal")
MFA_RECOVERY_CODE_COUNT = 10

# --- E-mail -----------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hausportal <portal@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
else:
    # Development: every mail lands in var/mail/ and on the console.
    EMAIL_BACKEND = "house.mail.FolderAndConsoleEmailBackend"
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Overrides first: they give django-allauth's German texts the formal "Sie" address.
LOCALE_PATHS = [BASE_DIR / "locale" / "overrides", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed by `npm install` from package.json; nothing is copied into the repository.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded images (event images, logos, room photos) are refused above these limits
# and otherwise re-encoded without their metadata (house/images.py). A field may ask
# for a lower size (logos: 2 MB).
UPLOAD_IMAGE_MAX_MB = env_int("UPLOAD_IMAGE_MAX_MB", 10)
UPLOAD_IMAGE_MAX_MEGAPIXELS = env_int("UPLOAD_IMAGE_MAX_MEGAPIXELS", 25)
UPLOAD_IMAGE_MAX_SIDE = env_int("UPLOAD_IMAGE_MAX_SIDE", 8000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------

CSRF_FAILURE_VIEW = "house.views.csrf_failure"
# Sessions are read from the cache (Redis in production) and written through to
# the database: one query fewer on every page a signed-in person opens.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Health checks of the container run over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # allauth shows the TOTP QR code as a data: image; Bootstrap's form icons are data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- The programme ---

# Days after an event until its registrations are anonymised (names, e-mails,
# answers); the counts stay for reports.
EVENT_REGISTRATION_RETENTION_DAYS = env_int("EVENT_REGISTRATION_RETENTION_DAYS", 90)
# Events that hold places only until the registrant confirms by the e-mail link:
# hours a registration (or a waiting entry that moved up) keeps its places
# unconfirmed; never beyond the event's start. Then the places go to the waiting list.
EVENT_REGISTRATION_HOLD_HOURS = env_int("EVENT_REGISTRATION_HOLD_HOURS", 24)

# --- E-mail outbox ---

# Days after sending until an e-mail's body, HTML and attachments are erased and
# its recipients replaced by hashes (Message-ID, status and times stay): long
# enough to answer "did the confirmation go out?", short enough to keep no
# names and links of registrations beyond their own retention (docs/privacy.md).
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90)

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
