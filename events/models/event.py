"""Events of the programme and the items of a conference programme."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models.programme import Category, EventSeries
from house.images import CleanImageField

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = "User | AnonymousUser"


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(publication=Event.Publication.PUBLISHED)

    def upcoming(self, now: dt.datetime | None = None) -> EventQuerySet:
        return self.filter(end__gte=now or timezone.now())

    def for_listing(self) -> EventQuerySet:
        """What a list or a feed shows of each event, in a fixed number of queries."""
        from tenants.models import TargetGroup

        return self.select_related("organisation", "room", "series").prefetch_related(
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("position"))
        )

    def for_feed(self) -> EventQuerySet:
        """What a calendar entry says of each event (:func:`events.ical.event_entry`): the
        room; not the long description. The programme of conferences: :func:`with_programme`."""
        return self.select_related("room").defer("description")

    def for_detail(self) -> EventQuerySet:
        return self.for_listing().prefetch_related(
            "languages", Prefetch("programme", queryset=ProgrammeItem.objects.order_by("start"))
        )

    def visible_to(self, user: AnyUser) -> EventQuerySet:
        """Published events for everyone; drafts for their organisation and house staff."""
        from house.permissions import can_manage_house, can_use_reception

        if can_manage_house(user) or can_use_reception(user):
            return self.all()
        if not user.is_authenticated:
            return self.published()
        return self.filter(
            Q(publication=Event.Publication.PUBLISHED) | Q(organisation__memberships__user=user)
        ).distinct()

    def managed_by(self, user: AnyUser) -> EventQuerySet:
        """Events whose data and registrations ``user`` may handle."""
        from house.permissions import can_manage_house, can_use_reception

        if can_manage_house(user) or can_use_reception(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user).distinct()

    def search(self, text: str) -> EventQuerySet:
        query = Q()
        for word in text.split()[:8]:
            query &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        return self.filter(query)


class Event(models.Model):
    """One date of the public programme."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")
        POSTPONED = "postponed", _("Postponed")
        MOVED_ONLINE = "moved_online", _("Moved online")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for review")
        PUBLISHED = "published", _("Published")

    class RegistrationMode(models.TextChoices):
        NONE = "none", _("No registration needed")
        REQUIRED = "required", _("Registration required")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    target_groups = models.ManyToManyField(
        "tenants.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="events"
    )
    languages = models.ManyToManyField(
        "tenants.Language", verbose_name=_("languages"), blank=True, related_name="events"
    )
    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Leave empty for events of the house itself."),
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    image = CleanImageField(
        _("image"),
        upload_to="events/",
        blank=True,
        # The event page's column; posters and flyers are shown whole.
        thumbnails={"detail": (960, 540, "pad")},
    )
    image_alt = models.CharField(
        _("image text alternative"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it (required with an image)."),
    )
    room = models.ForeignKey(
        "rooms.Room",
        verbose_name=_("room in the house"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    booking = models.OneToOneField(
        "rooms.Booking",
        verbose_name=_("room booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event",
        editable=False,
    )
    venue_name = models.CharField(_("venue (outside the house)"), max_length=200, blank=True)
    address = models.CharField(_("address (outside the house)"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    publication = models.CharField(
        _("publication"), max_length=16, choices=Publication.choices, default=Publication.DRAFT
    )
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    price = models.DecimalField(_("price in euros"), max_digits=7, decimal_places=2, default=0)
    price_note = models.CharField(_("price note"), max_length=200, blank=True)
    registration_mode = models.CharField(
        _("registration"),
        max_length=16,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    seats_taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    max_seats_per_registration = models.PositiveSmallIntegerField(
        _("places per registration at most"), default=4
    )
    confirmation_required = models.BooleanField(
        _("hold places only until the registrant confirms by the e-mail link"),
        default=False,
        help_text=_(
            "A registration then holds its places until the registrant confirms it through "
            "the link in the e-mail; unconfirmed places go to the waiting list after the "
            "deadline."
        ),
    )
    questions = models.TextField(
        _("questions to registrants"),
        blank=True,
        help_text=_("One optional question per line, e.g. organisation or dietary needs."),
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    registrations_anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity")),
                name="event_capacity_never_exceeded",
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="event_image_needs_alt"
            ),
            models.CheckConstraint(
                condition=Q(max_seats_per_registration__gte=1), name="event_max_seats_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["publication", "end", "start"], name="event_public_idx"),
            # The next events in order (the home page): read in the order of their
            # start, the end checked in the index, without sorting half the programme.
            models.Index(fields=["publication", "start", "end"], name="event_upcoming_idx"),
            models.Index(fields=["category", "start"], name="event_category_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.publication == self.Publication.PUBLISHED

    @property
    def needs_registration(self) -> bool:
        return self.registration_mode == self.RegistrationMode.REQUIRED

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_taken >= self.capacity

    def registration_state(self, now: dt.datetime | None = None) -> str:
        """``open``, ``not_yet``, ``closed`` or ``none``: may visitors register right now?"""
        now = now or timezone.now()
        if not self.needs_registration:
            return "none"
        if self.status in (self.Status.CANCELLED, self.Status.POSTPONED) or self.start <= now:
            return "closed"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        if self.registration_closes and now >= self.registration_closes:
            return "closed"
        return "open"

    @property
    def hold_hours(self) -> int:
        """How long an unconfirmed registration holds its places (``confirmation_required``)."""
        return int(getattr(settings, "EVENT_REGISTRATION_HOLD_HOURS", 24))

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()][:10]

    @property
    def location_label(self) -> str:
        if self.room is not None:
            return str(self.room)
        parts = [p for p in (self.venue_name, self.address) if p]
        if parts:
            return ", ".join(parts)
        if self.online_url:
            return str(_("Online"))
        return ""

    @property
    def organiser_name(self) -> str:
        return self.organisation.name if self.organisation is not None else ""


class ProgrammeItem(models.Model):
    """One slot of a conference programme: talk, workshop, break."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    room_label = models.CharField(pgettext_lazy("programme", "room"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="programme_item_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title
