"""The personal data the programme keeps about a person (DSGVO Art. 15/17).

Registrations made with any of the person's addresses (with or without an
account), and events that name one of them as their contact. On erasure an
active registration for an event still to come is cancelled without an
e-mail (its places go to the waiting list); every registration of the person
is then anonymised like those of past events, and the e-mails sent to it are
purged.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from house.privacy import DataSubject, PersonalDataProvider, RetainedRecord, register


def _with_email(subject: DataSubject, field: str) -> Q:
    query = Q(pk__in=[])
    for email in subject.emails:
        query |= Q(**{f"{field}__iexact": email})
    return query


@register
class EventsData(PersonalDataProvider):
    key = "events"
    erase_order = 30
    retained = (
        RetainedRecord(
            what=_("Registrations, anonymised (places, status, attendance)"),
            reason=_(
                "The programme's reports count participants. The rows keep no name, "
                "e-mail address or answers."
            ),
        ),
    )

    def export(self, subject: DataSubject) -> dict[str, Any]:
        registrations = (
            Registration.objects.filter(_with_email(subject, "email"))
            .select_related("event")
            .order_by("created_at")
        )
        events = Event.objects.filter(_with_email(subject, "contact_email")).order_by("start")
        return {
            "event_registrations": [
                {
                    "event": registration.event.title,
                    "start": registration.event.start.isoformat(),
                    "name": registration.name,
                    "email": registration.email,
                    "places": registration.seats,
                    "answers": registration.answers,
                    "status": registration.status,
                    "confirm_by": registration.confirm_by.isoformat()
                    if registration.confirm_by
                    else None,
                    "not_confirmed_in_time": registration.hold_expired,
                    "registered": registration.created_at.isoformat(),
                    "privacy_consent_at": registration.consent_at.isoformat()
                    if registration.consent_at
                    else None,
                    "attended": registration.attended,
                }
                for registration in registrations
            ],
            "events_with_you_as_contact": [
                {
                    "event": event.title,
                    "start": event.start.isoformat(),
                    "contact_name": event.contact_name,
                    "contact_email": event.contact_email,
                    "contact_phone": event.contact_phone,
                }
                for event in events
            ],
        }

    def erase(self, subject: DataSubject) -> None:
        from events.services import cancel_registration, invalidate_public_pages
        from house.services import purge_emails_about

        registrations = list(Registration.objects.filter(_with_email(subject, "email")))
        now = timezone.now()
        for registration in registrations:
            if registration.is_active and registration.event.start > now:
                cancel_registration(registration=registration, notify=False)
        ids = [registration.pk for registration in registrations]
        Registration.objects.filter(pk__in=ids).update(
            name="", email="", answers={}, anonymised=True
        )
        purge_emails_about(refs=[f"events.registration:{pk}" for pk in ids])
        contact_of = Event.objects.filter(_with_email(subject, "contact_email"))
        if contact_of.update(contact_name="", contact_email="", contact_phone=""):
            invalidate_public_pages()
