"""factory_boy factories for rooms, fee rules and bookings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from rooms.fees import BookerCategory, Pricing, Purpose
from rooms.models import Booking, FeeRule, Layout, Room
from rooms.services import BookingDraft


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Raum {n}")
    slug = factory.Sequence(lambda n: f"raum-{n}")
    floor = "1. OG"
    area_m2 = 50
    capacities = factory.LazyFunction(
        lambda: {Layout.THEATRE: 50, Layout.BOARDROOM: 20, Layout.U_SHAPE: 18}
    )
    equipment = factory.LazyFunction(lambda: ["projector", "flipchart"])
    opens_at = dt.time(7, 0)
    closes_at = dt.time(22, 0)
    setup_minutes = 30
    teardown_minutes = 15

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        if create and extracted:
            self.parts.set(extracted)


class FeeRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeRule

    name = factory.Sequence(lambda n: f"Regel {n}")
    category = BookerCategory.COMMERCIAL
    purpose = Purpose.NONPROFIT
    valid_from = dt.date(2020, 1, 1)
    pricing = Pricing.HOURLY
    amount = Decimal("40.00")
    vat_rate = Decimal("19.00")
    reason = "Externer Veranstalter: voller Satz"


def next_weekday_at(hour: int, minute: int = 0, *, days_ahead: int = 7) -> dt.datetime:
    """An aware datetime on a weekday at least ``days_ahead`` days from today, local time."""
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def draft(room: Room, start: dt.datetime | None = None, hours: float = 2, **kwargs) -> BookingDraft:
    start = start or next_weekday_at(10)
    values = {
        "purpose": Purpose.NONPROFIT,
        "attendees": 10,
        "layout": Layout.BOARDROOM,
        "title": "Teamsitzung",
        "contact_name": "Erika Muster",
        "contact_email": "erika@example.org",
    }
    values.update(kwargs)
    return BookingDraft(room=room, start=start, end=start + dt.timedelta(hours=hours), **values)


class BookingFactory(factory.django.DjangoModelFactory):
    """A bare booking row (no occupancy): for lists; use the services for real bookings."""

    class Meta:
        model = Booking

    room = factory.SubFactory(RoomFactory)
    start = factory.LazyFunction(lambda: next_weekday_at(10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    title = "Sitzung"
    purpose = Purpose.NONPROFIT
    booker_category = BookerCategory.COMMERCIAL
    attendees = 10
    layout = Layout.BOARDROOM
    state = Booking.State.CONFIRMED


def history(booking: Booking) -> list:
    """The booking's entries in the activity log, oldest first."""
    from house.models import ActivityLog

    return list(reversed(ActivityLog.objects.for_object(booking)))


def actions(booking: Booking) -> list[str]:
    """What happened to the booking, oldest first: "created", "confirmed", …"""
    return [entry.action_type.removeprefix("rooms.booking.") for entry in history(booking)]
