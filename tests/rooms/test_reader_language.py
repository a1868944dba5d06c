"""Quotes, warnings and e-mail subjects are kept as what they are and read in the reader's language.

A booking is priced in German (say, by a German reception); an English-speaking member of
staff later reads its quote, the reception's warnings and the list of its e-mails in English.
"""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import translation

from house.models import OutboxEmail, Role
from rooms.fees import LineCode, Pricing, Quote, Tariff, compute_quote
from rooms.models import Booking, FeeRule
from rooms.services import book_room, request_booking
from tests.factories import UserFactory, staff_user
from tests.rooms.factories import RoomFactory, draft

pytestmark = pytest.mark.usefixtures("default_fee_rules", "house")

TENANT = Tariff(
    name="Mieter",
    reason="Mieter des Hauses: 10 Freistunden",
    reason_en="House tenant: 10 free hours",
    pricing=Pricing.HOURLY,
    amount=Decimal("12"),
    cleaning_fee=Decimal("20"),
    vat_rate=Decimal("19"),
    free_minutes_per_month=600,
)


def _words(quote: Quote, language: str) -> list[tuple[str, str]]:
    with translation.override(language):
        return [(line.label, line.reason) for line in quote.lines]


def test_a_quote_made_in_german_reads_in_english_after_being_stored():
    with translation.override("de"):
        quote = compute_quote(TENANT, minutes=150, quota_used_minutes=540)
    stored = Quote.from_json(quote.to_json())

    assert [line.code for line in stored.lines] == [
        LineCode.FREE_QUOTA,
        LineCode.HOURLY,
        LineCode.CLEANING,
    ]
    assert _words(stored, "en") == [
        ("1 h from the free monthly quota", "House tenant: 10 free hours"),
        ("Room use, 1.5 h × 12.00 €", "House tenant: 10 free hours"),
        ("Cleaning fee", "Charged once for this kind of use."),
    ]
    assert _words(stored, "de") == [
        ("1 Std. aus dem monatlichen Freikontingent", "Mieter des Hauses: 10 Freistunden"),
        ("Raumnutzung, 1,5 Std. × 12,00 €", "Mieter des Hauses: 10 Freistunden"),
        ("Reinigungspauschale", "Wird für diese Nutzungsart einmal berechnet."),
    ]


def test_a_fee_rule_without_english_reason_shows_its_german_reason_in_english():
    tariff = Tariff(name="X", reason="Voller Satz", pricing=Pricing.FLAT, amount=Decimal("50"))

    quote = Quote.from_json(compute_quote(tariff, minutes=60).to_json())

    assert _words(quote, "en") == [("Flat usage fee", "Voller Satz")]


def test_the_reception_reads_a_german_booking_and_its_warning_in_english(client, reception):
    FeeRule.objects.filter(category="local_nonprofit", purpose="nonprofit").update(
        reason_en="Non-profit association from Kassel: free of charge"
    )
    with translation.override("de"):
        booking = request_booking(
            actor=None,
            draft=draft(RoomFactory(), stated_category="local_nonprofit", title="Chorprobe"),
        )
    client.force_login(reception)

    detail = client.get(f"/reception/bookings/{booking.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    requests = client.get("/reception/requests/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    german = client.get(f"/reception/bookings/{booking.pk}/", HTTP_ACCEPT_LANGUAGE="de")

    page = detail.content.decode()
    assert "Room use" in page
    assert "Non-profit association from Kassel: free of charge" in page
    assert "Raumnutzung" not in page
    assert "Category stated by the requester: please check their papers." in page
    assert "Category stated by the requester: please check their papers." in requests
    assert "Kategorie laut Angabe" not in requests
    german_page = german.content.decode()
    assert "Raumnutzung" in german_page
    assert "Kategorie laut Angabe der anfragenden Person" in german_page


def test_the_list_of_a_bookings_emails_shows_each_subject_in_the_readers_language(
    client, reception
):
    UserFactory(email="anna@example.org", language="de")
    booking = book_room(
        actor=reception,
        draft=draft(RoomFactory(), contact_email="anna@example.org", title="Klausur"),
    )
    sent = OutboxEmail.objects.get(to=["anna@example.org"])
    assert sent.subject == "Buchung bestätigt: Klausur"  # sent in the booker's language
    client.force_login(reception)

    english = client.get(f"/reception/emails/booking/{booking.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    german = client.get(f"/reception/emails/booking/{booking.pk}/", HTTP_ACCEPT_LANGUAGE="de")

    assert "Booking confirmed: Klausur" in english.content.decode()
    assert "Buchung bestätigt: Klausur" not in english.content.decode()
    assert "Buchung bestätigt: Klausur" in german.content.decode()


def test_quotes_and_subjects_kept_as_words_are_turned_into_codes(reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory(), title="Alt"))
    rule = FeeRule.objects.get(pk=booking.quote["rule_id"])
    rule.reason_en = "In English"
    rule.save()
    old = {
        **booking.quote,
        "lines": [
            {"label": "Raumnutzung, 1,5 Std. × 12.00 €", "reason": rule.reason, "amount": "18.00"},
            {"label": "Room use, full day", "reason": rule.reason, "amount": "320.00"},
            {
                "label": "Medientechnik",
                "reason": "Beamer, Leinwand und Ton wie gebucht.",
                "amount": "25.00",
            },
            {"label": "Sonderposten", "reason": "von Hand", "amount": "5.00"},
        ],
        "warnings": [
            "Kategorie laut Angabe der anfragenden Person: Bitte prüfen Sie die Nachweise."
        ],
    }
    Booking.objects.filter(pk=booking.pk).update(quote=old)
    OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}").update(
        subject="Buchung bestätigt: Alt", subjects={}
    )

    importlib.import_module("rooms.migrations.0012_quote_lines_as_codes").to_codes(apps, None)
    importlib.import_module("rooms.migrations.0013_booking_email_subjects_per_language").fill(
        apps, None
    )

    quote = Booking.objects.get(pk=booking.pk).frozen_quote()
    assert quote is not None
    assert _words(quote, "en") == [
        ("Room use, 1.5 h × 12.00 €", "In English"),
        ("Room use, full day", "In English"),
        ("Media equipment", "Projector, screen and sound as booked."),
        ("Sonderposten", "von Hand"),
    ]
    with translation.override("en"):
        assert quote.warning_texts == [
            "Category stated by the requester: please check their papers."
        ]
    email = OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}").first()
    assert email is not None
    assert email.subjects == {"de": "Buchung bestätigt: Alt", "en": "Booking confirmed: Alt"}


def test_the_outbox_in_the_admin_lists_subjects_in_the_readers_language(client, reception):
    UserFactory(email="anna@example.org", language="de")
    book_room(
        actor=reception,
        draft=draft(RoomFactory(), contact_email="anna@example.org", title="Klausur"),
    )
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT, is_superuser=True))

    page = client.get("/admin/house/outboxemail/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # The booker's e-mail and the reception's copy, both sent in German.
    assert OutboxEmail.objects.filter(subject="Buchung bestätigt: Klausur").count() == 2
    assert page.count('<td class="field-reader_subject">Booking confirmed: Klausur</td>') == 2
