"""The personal data the conference centre keeps about a person (DSGVO Art. 15/17).

Bookings the person made, booked for themselves (private celebrations) or is
the contact of by any of their addresses, the secret links of their personal
booking pages, and their calendar feed links.
Bookings stay after erasure, because the accounts of the house rest on them,
but without the person's name, addresses and phone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from house.privacy import DataSubject, PersonalDataProvider, RetainedRecord, register
from rooms.models import Booking, FeedToken


def _bookings_of(subject: DataSubject) -> Any:
    query = Q(person=subject.user) | Q(created_by=subject.user)
    for email in subject.emails:
        query |= Q(contact_email__iexact=email)
    return Booking.objects.filter(query).select_related("room").order_by("start", "pk")


def _as_contact(subject: DataSubject) -> Q:
    query = Q(person=subject.user)
    for email in subject.emails:
        query |= Q(contact_email__iexact=email)
    return query


def _booking_data(booking: Booking) -> dict[str, Any]:
    return {
        "room": booking.room.name,
        "title": booking.title,
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
        "state": booking.state,
        "gross": str(booking.gross),
        "contact_name": booking.contact_name,
        "contact_email": booking.contact_email,
        "contact_phone": booking.contact_phone,
        "contact_organisation": booking.contact_organisation,
        # The secret link of the booker's personal page (stops working on erasure).
        "personal_page": booking.get_requester_url(),
    }


@register
class RoomsData(PersonalDataProvider):
    key = "rooms"
    erase_order = 20
    retained = (
        RetainedRecord(
            what=_("Room bookings (room, time, purpose, price)"),
            reason=_(
                "Bookings are the basis of invoices and the house's accounts, which must "
                "be kept for up to ten years (§ 147 AO, § 257 HGB). They stay without "
                "the person's name, e-mail address and phone."
            ),
        ),
    )

    def export(self, subject: DataSubject) -> dict[str, Any]:
        bookings = list(_bookings_of(subject))
        return {
            "private_room_bookings": [
                _booking_data(b) for b in bookings if b.person_id == subject.user.pk
            ],
            "bookings": [_booking_data(b) for b in bookings if b.person_id != subject.user.pk],
            "calendar_feeds": [
                {
                    "scope": scope,
                    "organisation": organisation or None,
                    "created": created.isoformat(),
                    "switched_off": revoked.isoformat() if revoked else None,
                }
                for scope, organisation, created, revoked in FeedToken.objects.filter(
                    user=subject.user
                ).values_list("scope", "organisation__name", "created_at", "revoked_at")
            ],
        }

    def erase(self, subject: DataSubject) -> None:
        # The person's calendar addresses (their own, the staff's, their organisations'
        # through their memberships) end with them.
        FeedToken.objects.filter(user=subject.user).delete()
        bookings = list(_bookings_of(subject))
        ids = [booking.pk for booking in bookings]
        Booking.objects.filter(Q(pk__in=ids) & _as_contact(subject)).update(
            contact_name="", contact_email="", contact_phone="", requester_token=None
        )
        for booking in bookings:
            Booking.objects.filter(pk=booking.pk).update(
                person=None,
                title=subject.scrub(booking.title),
                internal_note=subject.scrub(booking.internal_note),
                decision_reason=subject.scrub(booking.decision_reason),
                cancellation_fee_waiver=subject.scrub(booking.cancellation_fee_waiver),
            )
