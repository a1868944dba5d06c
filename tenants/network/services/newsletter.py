"""The newsletter: double opt-in, a draft from the period's news, sending in batches.

Sending never mails everyone in one go: ``send_newsletter`` writes one
delivery row per confirmed subscriber and a task queues them into the outbox
``NETWORK_NEWSLETTER_BATCH_SIZE`` at a time, every
``NETWORK_NEWSLETTER_BATCH_SECONDS``. Each batch claims its rows under a row
lock of the issue, so a repeated task queues nobody twice. No tracking: the
e-mails are plain text without pixels or redirected links.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.services import queue_email, queue_templated_email
from tenants.network.models import (
    Actor,
    Newsletter,
    NewsletterDelivery,
    PriorityRound,
    Subscriber,
)
from tenants.network.services.errors import NetworkError

if TYPE_CHECKING:
    from house.models import OutboxEmail, User

logger = logging.getLogger(__name__)

#: How many e-mails one batch queues, and the pause between batches (the newsletter's own rate).
BATCH_SIZE = int(getattr(settings, "NETWORK_NEWSLETTER_BATCH_SIZE", 50))
BATCH_SECONDS = int(getattr(settings, "NETWORK_NEWSLETTER_BATCH_SECONDS", 60))
#: A second subscription request within this time sends no second confirmation e-mail.
RESEND_AFTER = dt.timedelta(minutes=10)
#: How far ahead the draft lists events.
EVENTS_AHEAD = dt.timedelta(days=42)


def subscribe(
    *, email: str, consent_text: str, language: str = "de", user: User | None = None
) -> Subscriber:
    """Ask for the newsletter: store the request and send the confirmation link (double opt-in).

    The answer is the same whether the address was new, pending or confirmed,
    so the form tells nobody who subscribes. A confirmed address gets no mail.
    """
    email = email.strip().lower()
    if not email:
        raise NetworkError(_("Please enter your e-mail address."), field="email")
    language = language if language in {"de", "en"} else "de"
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email,
                language=language,
                consent_text=consent_text,
                requested_at=now,
                user=user if user is not None and user.is_authenticated else None,
            )
        elif (
            subscriber.status == Subscriber.Status.PENDING
            and now - subscriber.requested_at < RESEND_AFTER
        ):
            return subscriber
        else:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.consent_text = consent_text
            subscriber.requested_at = now
            subscriber.language = language
            subscriber.unsubscribed_at = None
            subscriber.save()
        queue_templated_email(
            template="network/email/newsletter_confirm",
            context={"subscriber": subscriber, "confirm_url": subscriber.confirm_url()},
            to=[subscriber.email],
            language=subscriber.language,
            ref=f"network.subscriber:{subscriber.pk}",
            kind="network_newsletter_confirm",
        )
    return subscriber


def confirm_subscription(*, subscriber: Subscriber) -> Subscriber:
    """The confirmation link was used: the address is subscribed from now on."""
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
            status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
        )
        subscriber.refresh_from_db()
    return subscriber


def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """One click: no further newsletter. The row stays as the record of the withdrawal."""
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).exclude(
            status=Subscriber.Status.UNSUBSCRIBED
        ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        subscriber.refresh_from_db()
    return subscriber


def assemble_draft(*, period_start: dt.date, period_end: dt.date) -> str:
    """The draft text: the period's new actors, frozen results, group outcomes, coming events."""
    from events.models import Event

    actors = list(
        Actor.objects.listed()
        .filter(created_at__date__gte=period_start, created_at__date__lte=period_end)
        .select_related("organisation", "district")
    )
    rounds = list(
        PriorityRound.objects.filter(
            frozen_at__date__gte=period_start, frozen_at__date__lte=period_end
        )
    )
    events_from = timezone.make_aware(dt.datetime.combine(period_end, dt.time.min))
    events = list(
        Event.objects.published()
        .filter(start__gte=events_from, start__lt=events_from + EVENTS_AHEAD)
        .filter(organisation__network_actor__isnull=False)
        .select_related("organisation")
        .order_by("start")[:15]
    )
    outcomes = _group_outcomes(period_start, period_end)
    return render_to_string(
        "network/newsletter_draft.txt",
        {
            "actors": actors,
            "rounds": rounds,
            "events": events,
            "outcomes": outcomes,
            "site_url": settings.SITE_URL,
        },
    ).strip()


def _group_outcomes(period_start: dt.date, period_end: dt.date) -> list[object]:
    from tenants.network.services.groups import closed_between

    return list(closed_between(period_start, period_end))


def draft_newsletter(
    *, period_start: dt.date, period_end: dt.date, drafted_by: User | None
) -> Newsletter:
    if period_end < period_start:
        raise NetworkError(_("The period must end after it starts."), field="period_end")
    with transaction.atomic():
        newsletter = Newsletter.objects.create(
            subject=_("News from the neighbourhood network"),
            body=assemble_draft(period_start=period_start, period_end=period_end),
            period_start=period_start,
            period_end=period_end,
            created_by=drafted_by,
        )
        log_activity(obj=newsletter, action_type="network.newsletter.drafted", actor=drafted_by)
    return newsletter


def update_newsletter(*, newsletter: Newsletter, subject: str, body: str) -> Newsletter:
    with transaction.atomic():
        updated = Newsletter.objects.filter(
            pk=newsletter.pk, status=Newsletter.Status.DRAFT
        ).update(subject=subject.strip(), body=body)
        if not updated:
            raise NetworkError(_("This newsletter has been sent and can no longer be changed."))
        newsletter.refresh_from_db()
    return newsletter


def send_newsletter(*, newsletter: Newsletter, sent_by: User | None) -> int:
    """Start sending to every confirmed subscriber; the batches follow by task after commit.

    Returns the number of recipients. Raises :class:`NetworkError` if the issue
    is not a draft any more (a second press sends nothing twice).
    """
    from tenants.network.tasks import send_newsletter_batch_task

    with transaction.atomic():
        claimed = Newsletter.objects.filter(
            pk=newsletter.pk, status=Newsletter.Status.DRAFT
        ).update(status=Newsletter.Status.SENDING, sent_by=sent_by, send_started_at=timezone.now())
        if not claimed:
            raise NetworkError(_("This newsletter is already being sent."))
        subscribers = list(Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED))
        NewsletterDelivery.objects.bulk_create(
            [NewsletterDelivery(newsletter=newsletter, subscriber=s) for s in subscribers],
            ignore_conflicts=True,
        )
        newsletter.refresh_from_db()
        log_activity(
            obj=newsletter,
            action_type="network.newsletter.sending",
            actor=sent_by,
            data={"recipients": len(subscribers)},
        )
        newsletter_id = newsletter.pk
        transaction.on_commit(
            lambda: send_newsletter_batch_task.delay(newsletter_id=newsletter_id), robust=True
        )
    return len(subscribers)


def queue_newsletter_batch(*, newsletter_id: int, batch_size: int = BATCH_SIZE) -> int:
    """Queue the next ``batch_size`` deliveries into the outbox. Returns how many remain.

    Addresses that unsubscribed since sending started are skipped. When none
    remain, the issue is marked sent.
    """
    now = timezone.now()
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().filter(pk=newsletter_id).first()
        if newsletter is None or newsletter.status != Newsletter.Status.SENDING:
            return 0
        pending = list(
            newsletter.deliveries.filter(queued_at__isnull=True)
            .select_related("subscriber")
            .order_by("pk")[:batch_size]
        )
        for delivery in pending:
            subscriber = delivery.subscriber
            if subscriber.status == Subscriber.Status.CONFIRMED:
                _queue_issue(newsletter, delivery, subscriber)
            delivery.queued_at = now
        NewsletterDelivery.objects.bulk_update(pending, ["queued_at"])
        remaining = newsletter.deliveries.filter(queued_at__isnull=True).count()
        if remaining == 0:
            Newsletter.objects.filter(pk=newsletter.pk).update(
                status=Newsletter.Status.SENT, sent_at=now
            )
    return remaining


def _queue_issue(
    newsletter: Newsletter, delivery: NewsletterDelivery, subscriber: Subscriber
) -> None:
    with translation.override(subscriber.language):
        text = render_to_string(
            "network/email/newsletter_body.txt",
            {"newsletter": newsletter, "unsubscribe_url": subscriber.unsubscribe_url()},
        )
    queue_email(
        to=[subscriber.email],
        subject=newsletter.subject,
        text=text,
        language=subscriber.language,
        ref=f"network.delivery:{delivery.pk}",
        kind=NEWSLETTER_KIND,
    )


NEWSLETTER_KIND = "network_newsletter"


def newsletter_headers(email: OutboxEmail) -> dict[str, str]:
    """``List-Unsubscribe`` with one-click POST (RFC 8058) for a newsletter e-mail."""
    prefix, _sep, pk = email.ref.partition(":")
    if prefix != "network.delivery" or not pk.isdigit():
        return {}
    delivery = NewsletterDelivery.objects.select_related("subscriber").filter(pk=int(pk)).first()
    if delivery is None:
        return {}
    return {
        "List-Unsubscribe": f"<{delivery.subscriber.unsubscribe_url()}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
