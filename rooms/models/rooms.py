"""Rooms of the conference centre: their layouts, equipment, photos and the physical rooms they are
made of.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from house.images import CleanImageField
from house.translated import TranslatedFields

if TYPE_CHECKING:
    pass


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
