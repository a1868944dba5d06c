"""Accounts (django-allauth), second factors of staff, and rate limits of public forms."""

from house.config.caches import CACHES
from house.config.core import DEBUG
from house.config.env import env_int, env_str

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
