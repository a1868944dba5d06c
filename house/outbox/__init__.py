"""The e-mail outbox: every e-mail of the portal is queued here and sent after the commit.

An e-mail is written to ``OutboxEmail`` inside the caller's transaction and handed
to Celery once it commits; a worker claims it, sends it and records the result,
retrying temporary failures with a back-off. The sweeper picks up what a lost task
or a dead worker left behind.

By subject: ``queue`` (writing e-mail into the outbox), ``sending`` (claiming,
sending, retrying, headers) and ``retention`` (erasing recipients, purging).
"""

from house.outbox.queue import (
    ERASED_ONCE_SENT,
    queue_email,
    queue_templated_email,
    subjects_in_every_language,
)
from house.outbox.retention import (
    purge_emails,
    purge_emails_about,
    purge_old_emails,
    recipient_hash,
)
from house.outbox.sending import (
    RETRY_BACKOFF,
    STALE_CLAIM,
    outbox_headers,
    outbox_message_id,
    register_outbox_headers,
    resend_email,
    send_outbox_email,
    sweep_outbox,
)

__all__ = [
    "ERASED_ONCE_SENT",
    "RETRY_BACKOFF",
    "STALE_CLAIM",
    "outbox_headers",
    "outbox_message_id",
    "purge_emails",
    "purge_emails_about",
    "purge_old_emails",
    "queue_email",
    "queue_templated_email",
    "recipient_hash",
    "register_outbox_headers",
    "resend_email",
    "send_outbox_email",
    "subjects_in_every_language",
    "sweep_outbox",
]
