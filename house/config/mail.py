"""E-mail: SMTP in production, a folder in development, and how long the outbox keeps mail."""

from house.config.env import BASE_DIR, env_bool, env_int, env_str

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


# Days after sending until an e-mail's body, HTML and attachments are erased and
# its recipients replaced by hashes (Message-ID, status and times stay): long
# enough to answer "did the confirmation go out?", short enough to keep no
# names and links of registrations beyond their own retention (docs/privacy.md).
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 90)
