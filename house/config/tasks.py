"""Celery: the broker, how tasks run, and the periodic jobs of beat."""

from celery.schedules import crontab

from house.config.caches import REDIS_URL
from house.config.env import env_bool, env_int, env_list

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
    "billing-payment-reminders": {
        "task": "billing.send_due_reminders",
        "schedule": crontab(minute=15, hour=9),
    },
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
