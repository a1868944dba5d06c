"""Occupancy: one physical room held by one blocking booking. Double bookings are impossible by
construction (see the package).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from rooms.models.bookings import Booking
from rooms.models.rooms import MAX_BLOCK_SPAN, Room

if TYPE_CHECKING:
    pass


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


@receiver(m2m_changed, sender=Room.parts.through)
def forget_physical_room_ids(sender: object, instance: Room, **kwargs: object) -> None:
    """A room whose parts change works its physical rooms out anew."""
    instance.__dict__.pop("_physical_room_ids", None)
