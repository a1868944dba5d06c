"""The core of the portal: debug mode, secret key, hosts, apps, middleware, templates,
languages and logging."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from house.config.env import BASE_DIR, env_bool, env_list, env_str, env_url

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
    "rooms.loans",
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


LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
# Overrides first: they give django-allauth's German texts the formal "Sie" address.
LOCALE_PATHS = [BASE_DIR / "locale" / "overrides", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
# English dates day first, as the portal's named formats write them (house/formats.py),
# also where Django writes a date itself (``|date``, the administration, form errors).
FORMAT_MODULE_PATH = ["house.language_formats"]
USE_I18N = True
USE_TZ = True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
