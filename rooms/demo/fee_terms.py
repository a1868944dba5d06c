"""Demo of the fee terms: a category set by house management, an evening surcharge and a
two-day conference booked as one event with one fee (seed 003).

Called by ``rooms.demo.seeding.seed`` after the year of bookings. Idempotent: each piece is
added only when it is missing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from rooms import services
from rooms.fees import BookerCategory, Pricing, Purpose
from rooms.models import BookingSeries, FeeRule, FeeSurcharge, OrganisationCategory

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import Room

INITIATIVE = "stadtteilinitiative-nord-holland"
ORGANISER = "nordhessen-consulting"
CONFERENCE = "Gemeinsam Zukunft schaffen im Quartier"


def seed_fee_terms(*, rooms: dict[str, Room], users: dict[str, User]) -> None:
    manager, reception = users.get("management"), users.get("reception")
    if manager is None or reception is None:
        return
    _evening_surcharge()
    _initiative_category(manager)
    _two_day_conference(rooms, reception)


def _evening_surcharge() -> None:
    """25 % on weekday evenings from 18:00 for the rules that charge for the room's time."""
    if FeeSurcharge.objects.exists():
        return
    today = timezone.localdate()
    for rule in FeeRule.objects.valid_on(today).filter(
        pricing__in=[Pricing.HOURLY, Pricing.HALF_DAY, Pricing.DAY]
    ):
        FeeSurcharge.objects.create(
            rule=rule,
            name="Abendzuschlag",
            name_en="Evening surcharge",
            weekdays=[0, 1, 2, 3, 4],
            starts=dt.time(18),
            percent=Decimal(25),
        )


def _initiative_category(manager: User) -> None:
    from tenants.models import Organisation

    initiative = Organisation.objects.filter(slug=INITIATIVE).first()
    if initiative is None or OrganisationCategory.objects.filter(organisation=initiative).exists():
        return
    services.set_organisation_category(
        actor=manager,
        organisation=initiative,
        category=BookerCategory.LOCAL_NONPROFIT,
        reason="Nachbarschaftsinitiative ohne Freistellungsbescheid, gemeinwohlorientiert",
        review_on=timezone.localdate() + dt.timedelta(days=180),
    )


def _two_day_conference(rooms: dict[str, Room], reception: User) -> None:
    """About 60 participants, 09:30-15:30 on two weekdays in a row, in the hall."""
    from tenants.models import Organisation

    hall = rooms.get("saal-kassel")
    organiser = Organisation.objects.filter(slug=ORGANISER).first()
    if hall is None or organiser is None:
        return
    if BookingSeries.objects.filter(is_event=True, description=CONFERENCE).exists():
        return
    tz = timezone.get_current_timezone()
    day = timezone.localdate() + dt.timedelta(days=9)
    for _attempt in range(30):
        if day.weekday() <= 3:
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)), tz)
            draft = services.BookingDraft(
                room=hall,
                start=start,
                end=start + dt.timedelta(hours=6),
                purpose=Purpose.COMMERCIAL,
                attendees=60,
                layout="theatre",
                title=CONFERENCE,
                organisation=organiser,
                extras=["equipment", "catering"],
                show_title_publicly=True,
            )
            try:
                services.book_event(actor=reception, draft=draft, days=2)
            except services.BookingError:
                pass
            else:
                return
        day += dt.timedelta(days=1)
