"""Rooms of the conference centre, their fee rules, and bookings.

Double bookings are impossible by construction: every blocking booking
(states *requested* and *confirmed*) owns one :class:`Occupancy` row per
physical room it uses, spanning the event plus its set-up and tear-down
buffers. On PostgreSQL an exclusion constraint forbids two overlapping
occupancy rows of the same room. Rejected, withdrawn and cancelled bookings
have no occupancy rows, so they block nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.images import CleanImageField
from house.translated import TranslatedFields
from rooms.fees import BookerCategory, Pricing, Purpose, Quote

if TYPE_CHECKING:
    from house.models import User


#: A booking lies within one day and its buffers are at most 12 hours each, so an
#: occupancy never spans more than this. Overlap queries use it as a lower bound
#: on ``blocked_from``: the (room, blocked_from) index then reads only the rows
#: near the period asked for, however many years of bookings the house has.
MAX_BLOCK_SPAN = dt.timedelta(days=2)
MAX_BUFFER_MINUTES = 12 * 60


class Layout(models.TextChoices):
    THEATRE = "theatre", _("Theatre")
    CLASSROOM = "classroom", _("Classroom")
    U_SHAPE = "u_shape", _("U-shape")
    BOARDROOM = "boardroom", _("Boardroom")
    RECEPTION = "reception", _("Standing reception")


class Equipment(models.TextChoices):
    PROJECTOR = "projector", _("Projector")
    SCREEN = "screen", _("Screen")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    FLIPCHART = "flipchart", _("Flipchart")
    WHITEBOARD = "whiteboard", _("Whiteboard")
    KITCHENETTE = "kitchenette", _("Kitchenette")
    VIDEO_CONFERENCING = "video_conferencing", _("Video conferencing")
    SOUND_SYSTEM = "sound_system", _("Sound system")


class RoomQuerySet(models.QuerySet["Room"]):
    def bookable(self) -> RoomQuerySet:
        return self.filter(is_bookable=True)

    def physical(self) -> RoomQuerySet:
        return self.filter(parts__isnull=True)

    def with_parts(self) -> RoomQuerySet:
        return self.prefetch_related("parts", "photos")

    def for_board(self) -> RoomQuerySet:
        """Bookable rooms, each knowing the ids of its physical rooms: what the board, the
        finder, the alternatives and the booking forms need. The parts come as ids only,
        in one light query."""
        return self.bookable().prefetch_related(
            models.Prefetch("parts", queryset=Room.objects.only("pk").order_by())
        )


class Room(TranslatedFields, models.Model):
    """A bookable room; a *combined* room is made of physical rooms (its parts)."""

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(
        _("name (English)"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the German name is shown."),
    )
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    floor = models.CharField(_("floor"), max_length=40, blank=True)
    floor_en = models.CharField(
        _("floor (English)"),
        max_length=40,
        blank=True,
        help_text=_("Empty: the German text is shown."),
    )
    area_m2 = models.PositiveIntegerField(_("area in m²"))
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(
        _("description (English)"), blank=True, help_text=_("Empty: the German text is shown.")
    )
    capacities = models.JSONField(
        _("capacity per layout"),
        default=dict,
        blank=True,
        help_text=_('Persons per seating layout, e.g. {"theatre": 80, "boardroom": 24}.'),
    )
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=True)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=True)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    opens_at = models.TimeField(_("bookable from"), default=dt.time(7, 0))
    closes_at = models.TimeField(_("bookable until"), default=dt.time(22, 0))
    setup_minutes = models.PositiveSmallIntegerField(
        _("set-up buffer (minutes)"), default=30, validators=[MaxValueValidator(MAX_BUFFER_MINUTES)]
    )
    teardown_minutes = models.PositiveSmallIntegerField(
        _("tear-down buffer (minutes)"),
        default=15,
        validators=[MaxValueValidator(MAX_BUFFER_MINUTES)],
    )
    max_advance_days = models.PositiveSmallIntegerField(
        _("maximum advance booking (days)"), default=365
    )
    is_bookable = models.BooleanField(_("bookable"), default=True)
    auto_confirm_tenants = models.BooleanField(
        _("confirm tenant requests automatically"),
        default=True,
        help_text=_(
            "Requests of house tenants for free slots are confirmed without the reception."
        ),
    )
    parts = models.ManyToManyField(
        "self",
        verbose_name=_("made of the rooms"),
        symmetrical=False,
        blank=True,
        related_name="combinations",
        help_text=_("Only for a combined room: the physical rooms it opens into."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="room_hours"
            ),
            models.CheckConstraint(condition=Q(area_m2__gt=0), name="room_area_positive"),
            models.CheckConstraint(
                condition=Q(setup_minutes__lte=MAX_BUFFER_MINUTES)
                & Q(teardown_minutes__lte=MAX_BUFFER_MINUTES),
                name="room_buffers_at_most_12h",
            ),
        ]

    def __str__(self) -> str:
        return self.translated("name")

    def get_absolute_url(self) -> str:
        return reverse("rooms:detail", kwargs={"slug": self.slug})

    def physical_room_ids(self) -> list[int]:
        """The ids of the physical rooms a booking of this room occupies.

        Asked many times per request (conflicts, alternatives, the board): worked out
        once per room object, from ``for_board()`` or the (prefetched) parts, and
        forgotten when the parts change (``forget_physical_room_ids``).
        """
        known = self.__dict__.get("_physical_room_ids")
        if known is None:
            known = sorted(part.pk for part in self.parts.all()) or [self.pk]
            self.__dict__["_physical_room_ids"] = known
        return list(known)

    @property
    def is_combined(self) -> bool:
        return bool(self.physical_room_ids() != [self.pk])

    @property
    def max_capacity(self) -> int:
        return max((int(v) for v in self.capacities.values()), default=0)

    def capacity_for(self, layout: str) -> int:
        return int(self.capacities.get(layout, 0))

    def layout_capacities(self) -> list[tuple[str, int]]:
        return [
            (str(label), int(self.capacities[value]))
            for value, label in Layout.choices
            if self.capacities.get(value)
        ]

    def equipment_labels(self) -> list[str]:
        return [str(label) for value, label in Equipment.choices if value in self.equipment]


class RoomPhoto(models.Model):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="photos")
    image = CleanImageField(
        _("photo"),
        upload_to="rooms/",
        # The room list's cards and the room page's column.
        thumbnails={"card": (640, 400, "crop"), "detail": (1200, 750, "crop")},
    )
    alt_text = models.CharField(
        _("text alternative"),
        max_length=200,
        help_text=_("What the photo shows, for screen readers."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("room photo")
        verbose_name_plural = _("room photos")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class FeeRuleQuerySet(models.QuerySet["FeeRule"]):
    def valid_on(self, day: dt.date) -> FeeRuleQuerySet:
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
        )

    def for_room(self, room: Room) -> FeeRuleQuerySet:
        return self.filter(Q(room__isnull=True) | Q(room=room))

    def best_first(self) -> FeeRuleQuerySet:
        """Room-specific rules win over rules for all rooms; newer rules win over older ones."""
        return self.order_by(models.F("room").asc(nulls_last=True), "-valid_from", "-pk")

    def effective_for(self, room: Room, day: dt.date) -> list[FeeRule]:
        """The one rule per booker category and purpose that prices ``room`` on ``day``."""
        chosen: dict[tuple[str, str], FeeRule] = {}
        for rule in self.valid_on(day).for_room(room).best_first():
            chosen.setdefault((rule.category, rule.purpose), rule)
        order = {value: i for i, value in enumerate(BookerCategory.values)}
        purposes = {value: i for i, value in enumerate(Purpose.values)}
        return sorted(
            chosen.values(), key=lambda r: (order.get(r.category, 99), purposes.get(r.purpose, 99))
        )


class FeeRule(TranslatedFields, models.Model):
    """Who pays what for which use of which room: data kept by house management."""

    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("booker category"), max_length=24, choices=BookerCategory.choices)
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fee_rules",
        help_text=_("Empty: the rule applies to all rooms."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    pricing = models.CharField(_("pricing"), max_length=16, choices=Pricing.choices)
    amount = models.DecimalField(
        _("price (net)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("Per hour, per half day, per day or flat, depending on the pricing."),
    )
    day_amount = models.DecimalField(
        _("day price (net)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For half-day pricing: the price beyond 4 hours (empty: twice the half day)."),
    )
    equipment_fee = models.DecimalField(
        _("media equipment fee"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    catering_fee = models.DecimalField(
        _("catering service fee"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    cleaning_fee = models.DecimalField(
        _("cleaning fee"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    deposit = models.DecimalField(
        _("refundable deposit"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    vat_rate = models.DecimalField(
        _("VAT rate in %"), max_digits=4, decimal_places=2, default=Decimal(0)
    )
    free_hours_per_month = models.PositiveSmallIntegerField(
        _("free hours per month"),
        default=0,
        help_text=_("Tenants' free monthly quota; only hours beyond it are charged."),
    )
    reason = models.CharField(
        _("reason shown on the quote"),
        max_length=200,
        help_text=_("Plain language, e.g. “Non-profit association from Kassel: free of charge”."),
    )
    reason_en = models.CharField(
        _("reason shown on the quote (English)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the German text is shown."),
    )

    objects = FeeRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("fee rule")
        verbose_name_plural = _("fee rules")
        ordering = ["category", "purpose", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="feerule_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0)
                & Q(equipment_fee__gte=0)
                & Q(catering_fee__gte=0)
                & Q(cleaning_fee__gte=0)
                & Q(deposit__gte=0)
                & Q(vat_rate__gte=0),
                name="feerule_no_negative_amounts",
            ),
            models.CheckConstraint(
                condition=Q(day_amount__isnull=True) | Q(day_amount__gte=models.F("amount")),
                name="feerule_day_not_cheaper_than_half_day",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def price_label(self) -> str:
        """The price in a few words, e.g. “12,00 € per hour, 10 free hours a month”."""
        from django.utils.formats import number_format
        from django.utils.translation import gettext as _

        amount = number_format(self.amount, 2)
        if self.pricing == Pricing.FREE:
            label = _("free of charge")
        elif self.pricing == Pricing.HOURLY:
            label = _("%(amount)s € per hour") % {"amount": amount}
        elif self.pricing == Pricing.HALF_DAY:
            day = number_format(
                self.day_amount if self.day_amount is not None else 2 * self.amount, 2
            )
            label = _("%(amount)s € per half day, %(day)s € per day") % {
                "amount": amount,
                "day": day,
            }
        elif self.pricing == Pricing.DAY:
            label = _("%(amount)s € per day") % {"amount": amount}
        else:
            label = _("flat fee of %(amount)s €") % {"amount": amount}
        if self.free_hours_per_month:
            label += ", " + _("%(hours)s free hours a month") % {"hours": self.free_hours_per_month}
        if self.cleaning_fee:
            label += ", " + _("cleaning %(amount)s €") % {
                "amount": number_format(self.cleaning_fee, 2)
            }
        if self.deposit:
            label += ", " + _("deposit %(amount)s €") % {"amount": number_format(self.deposit, 2)}
        if self.vat_rate and self.pricing != Pricing.FREE:
            label += " " + _("plus %(rate)s %% VAT") % {"rate": number_format(self.vat_rate, 0)}
        return label

    def as_tariff(self):  # -> rooms.fees.Tariff
        from rooms.fees import Tariff

        return Tariff(
            name=self.name,
            reason=self.reason,
            reason_en=self.reason_en,
            pricing=self.pricing,
            amount=self.amount,
            day_amount=self.day_amount,
            equipment_fee=self.equipment_fee,
            catering_fee=self.catering_fee,
            cleaning_fee=self.cleaning_fee,
            deposit=self.deposit,
            vat_rate=self.vat_rate,
            free_minutes_per_month=self.free_hours_per_month * 60,
            rule_id=self.pk,
        )


class BookingSeries(models.Model):
    """A recurring booking (weekly group meeting): its rule in Europe/Berlin wall-clock time."""

    rrule = models.CharField(_("recurrence rule"), max_length=300)
    description = models.CharField(_("description"), max_length=200, blank=True)
    skipped = models.JSONField(
        _("skipped dates"),
        default=list,
        blank=True,
        help_text=_("Dates left out, with the reason."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")

    def __str__(self) -> str:
        return self.description or self.rrule


class BookingQuerySet(models.QuerySet["Booking"]):
    def blocking(self) -> BookingQuerySet:
        return self.filter(state__in=Booking.BLOCKING_STATES)

    def overlapping(self, start: dt.datetime, end: dt.datetime) -> BookingQuerySet:
        return self.filter(start__lt=end, end__gt=start, start__gt=start - MAX_BLOCK_SPAN)

    def pending(self) -> BookingQuerySet:
        return self.filter(state=Booking.State.REQUESTED)

    def for_lists(self) -> BookingQuerySet:
        return self.select_related("room", "organisation", "person")

    def visible_to(self, user: User) -> BookingQuerySet:
        """Reception and house management see all bookings; tenant members their organisation's."""
        from house.permissions import can_use_reception

        if not user.is_authenticated:
            return self.none()
        if can_use_reception(user):
            return self
        return self.filter(
            Q(organisation__memberships__user=user) | Q(created_by=user) | Q(person=user)
        ).distinct()


class Booking(models.Model):
    """One use of a room.

    States: requested → confirmed | rejected | withdrawn; confirmed → cancelled.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CANCELLED = "cancelled", _("Cancelled")

    #: States whose bookings hold their slot (and own occupancy rows).
    BLOCKING_STATES = (State.REQUESTED, State.CONFIRMED)

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings"
    )
    series = models.ForeignKey(
        BookingSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REQUESTED
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    setup_minutes = models.PositiveSmallIntegerField(_("set-up buffer (minutes)"), default=0)
    teardown_minutes = models.PositiveSmallIntegerField(_("tear-down buffer (minutes)"), default=0)
    title = models.CharField(_("title"), max_length=200)
    show_title_publicly = models.BooleanField(_("show the title publicly"), default=False)
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    booker_category = models.CharField(
        _("booker category"), max_length=24, choices=BookerCategory.choices
    )
    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="room_bookings",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("private booker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="private_room_bookings",
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_organisation = models.CharField(
        _("organisation (as stated)"), max_length=200, blank=True
    )
    attendees = models.PositiveSmallIntegerField(_("attendees"))
    layout = models.CharField(_("layout"), max_length=16, choices=Layout.choices)
    extras = models.JSONField(_("extras"), default=list, blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=300, blank=True)
    quote = models.JSONField(_("quote"), default=dict, editable=False)
    net = models.DecimalField(_("net"), max_digits=9, decimal_places=2, default=Decimal(0))
    vat = models.DecimalField(_("VAT"), max_digits=9, decimal_places=2, default=Decimal(0))
    gross = models.DecimalField(_("gross"), max_digits=9, decimal_places=2, default=Decimal(0))
    deposit = models.DecimalField(_("deposit"), max_digits=9, decimal_places=2, default=Decimal(0))
    requester_token = models.CharField(
        _("secret of the requester's personal page"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Whoever has the link sees the booking's state and may withdraw or cancel it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start", "room"]
        indexes = [
            models.Index(fields=["room", "start"]),
            models.Index(fields=["state", "start"]),
            # An organisation's bookings by date: its list and its monthly free quota.
            models.Index(fields=["organisation", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(gross__gte=0) & Q(net__gte=0), name="booking_no_negative_price"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.room}, {timezone.localtime(self.start):%d.%m.%Y %H:%M})"

    @property
    def blocked_from(self) -> dt.datetime:
        return self.start - dt.timedelta(minutes=self.setup_minutes)

    @property
    def blocked_until(self) -> dt.datetime:
        return self.end + dt.timedelta(minutes=self.teardown_minutes)

    @property
    def is_blocking(self) -> bool:
        return self.state in self.BLOCKING_STATES

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.REQUESTED

    @property
    def is_cancellable(self) -> bool:
        return self.state == self.State.CONFIRMED and self.end > timezone.now()

    @property
    def is_withdrawable(self) -> bool:
        return self.state == self.State.REQUESTED

    def get_requester_url(self) -> str:
        """The requester's personal page (no account needed), or ``""`` without a token."""
        if not self.requester_token:
            return ""
        return reverse("rooms:requester_booking", kwargs={"token": self.requester_token})

    @property
    def booker_label(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        if self.person_id:
            return str(self.person)
        return self.contact_organisation or self.contact_name

    def public_title(self) -> str:
        """What the public (room page, public calendar feed) sees of this booking.

        The title only for a confirmed booking whose booker allowed it, never for
        a private celebration; otherwise the generic “Booked”. Requests are not
        shown by title: anybody can send one, so their titles are unchecked.
        """
        from django.utils.translation import gettext

        if (
            self.state == self.State.CONFIRMED
            and self.show_title_publicly
            and self.purpose != Purpose.PRIVATE_CELEBRATION
        ):
            return self.title
        return gettext("Booked")

    def frozen_quote(self) -> Quote | None:
        return Quote.from_json(self.quote) if self.quote else None

    def extras_labels(self) -> list[str]:
        from rooms.fees import Extra

        return [str(label) for value, label in Extra.choices if value in self.extras]


class OccupancyQuerySet(models.QuerySet["Occupancy"]):
    def overlapping(self, start: dt.datetime, end: dt.datetime) -> OccupancyQuerySet:
        """Rows whose buffered span overlaps ``[start, end)``, read through the room index."""
        return self.filter(
            blocked_from__lt=end, blocked_until__gt=start, blocked_from__gt=start - MAX_BLOCK_SPAN
        )


class Occupancy(models.Model):
    """One physical room held by one blocking booking, buffers included.

    On PostgreSQL the exclusion constraint ``occupancy_no_overlap`` (migration
    0002) makes overlapping rows of the same room impossible.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="occupancies")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="occupancies")
    blocked_from = models.DateTimeField()
    blocked_until = models.DateTimeField()

    objects = OccupancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        indexes = [models.Index(fields=["room", "blocked_from"])]
        constraints = [
            models.UniqueConstraint(fields=["booking", "room"], name="occupancy_once_per_room"),
            models.CheckConstraint(
                condition=Q(blocked_until__gt=models.F("blocked_from")), name="occupancy_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.blocked_from:%Y-%m-%d %H:%M}–{self.blocked_until:%H:%M}"


# Secret calendar-feed tokens live in their own module.
from rooms.tokens import FeedToken  # noqa: E402, F401


@receiver(m2m_changed, sender=Room.parts.through)
def forget_physical_room_ids(sender: object, instance: Room, **kwargs: object) -> None:
    """A room whose parts change works its physical rooms out anew."""
    instance.__dict__.pop("_physical_room_ids", None)
