"""Bookings and recurring series, in the states of their life from request to cancellation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rooms.fees import BookerCategory, Purpose, Quote
from rooms.models.rooms import MAX_BLOCK_SPAN, Layout, Room
from rooms.problems import SkippedDate

if TYPE_CHECKING:
    from house.models import User


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
    is_event = models.BooleanField(
        _("days of one event"),
        default=False,
        help_text=_(
            "Consecutive days of one event (a two-day conference): priced once, "
            "on the first day's booking."
        ),
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

    @property
    def skipped_dates(self) -> list[SkippedDate]:
        """The dates left out, each with its reason in the reader's language."""
        return [SkippedDate.from_json(item) for item in self.skipped or []]


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
    cancellation_percent = models.PositiveSmallIntegerField(
        _("cancellation fee in %"), null=True, blank=True, editable=False
    )
    cancellation_fee = models.DecimalField(
        _("cancellation fee (net)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        editable=False,
        help_text=_("What the booker owes for cancelling; zero when waived."),
    )
    cancellation_fee_waiver = models.CharField(
        _("reason for waiving the cancellation fee"), max_length=300, blank=True, editable=False
    )
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
            models.CheckConstraint(
                condition=Q(cancellation_fee__gte=0), name="booking_no_negative_cancellation_fee"
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

    @property
    def cancellation_fee_gross(self) -> Decimal:
        """The cancellation fee with VAT at the rate of the frozen quote."""
        from rooms.fees import money

        quote = self.frozen_quote()
        rate = quote.vat_rate if quote is not None else Decimal(0)
        return self.cancellation_fee + money(self.cancellation_fee * rate / 100)
