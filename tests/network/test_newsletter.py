"""The newsletter: double opt-in with proof, one-click unsubscribe, batches through the outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from house.models import OutboxEmail
from tenants.network.models import Newsletter, NewsletterDelivery, Subscriber
from tenants.network.services import NetworkError
from tenants.network.services.newsletter import (
    assemble_draft,
    draft_newsletter,
    queue_newsletter_batch,
    send_newsletter,
    subscribe,
)
from tests.network.factories import ActorFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_subscribing_stores_the_consent_and_sends_only_a_confirmation_link(client):
    response = client.post(
        reverse("network:newsletter_subscribe"),
        {"email": "Nachbarin@Example.org", "consent": "on"},
    )

    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "nachbarin@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert "newsletter" in subscriber.consent_text.lower()
    (confirmation,) = OutboxEmail.objects.all()
    assert confirmation.to == ["nachbarin@example.org"]
    assert subscriber.confirm_url() in confirmation.body_text


def test_without_consent_nothing_is_stored(client):
    response = client.post(reverse("network:newsletter_subscribe"), {"email": "a@example.org"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_opening_the_link_does_not_confirm_pressing_the_button_does(client):
    subscriber = subscribe(email="a@example.org", consent_text="Ja")
    url = reverse("network:newsletter_confirm", args=[subscriber.token])

    client.get(url)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    client.post(url)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_a_second_request_soon_after_sends_no_second_mail():
    subscribe(email="a@example.org", consent_text="Ja")
    subscribe(email="a@example.org", consent_text="Ja")
    assert OutboxEmail.objects.filter(kind="network_newsletter_confirm").count() == 1


def test_one_click_unsubscribe_works_without_a_csrf_token():
    from django.test import Client

    subscriber = SubscriberFactory()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("network:newsletter_unsubscribe", args=[subscriber.token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("network:newsletter_unsubscribe", args=["nope"])).status_code == 404


def test_the_draft_collects_the_periods_new_actors():
    today = timezone.localdate()
    new = ActorFactory(organisation__name="Neuer Treff am Platz")
    ActorFactory(
        organisation__name="Alter Verein", created_at=timezone.now() - dt.timedelta(days=90)
    )
    text = assemble_draft(period_start=today - dt.timedelta(days=30), period_end=today)
    assert new.name in text
    assert "Alter Verein" not in text


def test_sending_goes_out_in_batches_to_confirmed_subscribers_only(
    coordinator, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(5)
    SubscriberFactory(status=Subscriber.Status.PENDING, confirmed_at=None)
    today = timezone.localdate()
    newsletter = draft_newsletter(period_start=today, period_end=today, drafted_by=coordinator)

    # Eager Celery runs every batch at once; the batches are counted by the rows they claim.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_newsletter(newsletter=newsletter, sent_by=coordinator) == 5

    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT
    assert NewsletterDelivery.objects.filter(queued_at__isnull=True).count() == 0
    assert OutboxEmail.objects.filter(kind="network_newsletter").count() == 5
    sent = [m for m in mail.outbox if m.subject == newsletter.subject]
    assert len(sent) == 5
    header = sent[0].extra_headers["List-Unsubscribe"]
    assert "/network/newsletter/unsubscribe/" in header
    assert sent[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/network/newsletter/unsubscribe/" in sent[0].body


def test_a_batch_queues_at_most_its_size_and_skips_those_who_left(coordinator):
    subscribers = SubscriberFactory.create_batch(3)
    newsletter = Newsletter.objects.create(
        subject="S",
        body="B",
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        status=Newsletter.Status.SENDING,
    )
    for s in subscribers:
        NewsletterDelivery.objects.create(newsletter=newsletter, subscriber=s)
    Subscriber.objects.filter(pk=subscribers[0].pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    assert queue_newsletter_batch(newsletter_id=newsletter.pk, batch_size=2) == 1
    assert OutboxEmail.objects.filter(kind="network_newsletter").count() == 1
    assert queue_newsletter_batch(newsletter_id=newsletter.pk, batch_size=2) == 0
    assert OutboxEmail.objects.filter(kind="network_newsletter").count() == 2
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT


def test_a_newsletter_is_sent_only_once(coordinator):
    today = timezone.localdate()
    newsletter = draft_newsletter(period_start=today, period_end=today, drafted_by=coordinator)
    send_newsletter(newsletter=newsletter, sent_by=coordinator)
    with pytest.raises(NetworkError):
        send_newsletter(newsletter=newsletter, sent_by=coordinator)
