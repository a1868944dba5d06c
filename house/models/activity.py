"""One activity log for every history the portal shows: who did what to which object, when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models import Model


class ActivityLogQuerySet(models.QuerySet["ActivityLog"]):
    def for_object(self, obj: Model) -> ActivityLogQuerySet:
        """The history of one object, newest first, with the actors loaded."""
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return (
            self.filter(content_type=content_type, object_id=obj.pk)
            .select_related("actor")
            .order_by("-timestamp", "-pk")
        )

    def for_objects(self, model: type[Model], ids: list[Any]) -> ActivityLogQuerySet:
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id__in=ids)

    def of_type(self, *action_types: str) -> ActivityLogQuerySet:
        return self.filter(action_type__in=action_types)


class ActivityLog(models.Model):
    """An entry in the history of an object.

    ``action_type`` is a dotted name registered by the app that writes it
    (``rooms.booking.confirmed``); ``data`` holds what the entry's message
    needs, and ``changes`` (``{field: [old, new]}``) where fields changed.
    Entries are written by :func:`house.activity.log_activity` in the
    transaction of the change they record.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(_("object"))
    content_object = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_type = models.CharField(_("action"), max_length=100)
    data = models.JSONField(_("details"), default=dict, blank=True)
    timestamp = models.DateTimeField(_("time"), default=timezone.now)

    objects = ActivityLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-timestamp"], name="activity_object_idx"
            ),
            models.Index(fields=["action_type", "-timestamp"], name="activity_type_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action_type}"

    @property
    def message(self) -> str:
        from house.activity import describe

        return describe(self)

    @property
    def changes(self) -> list[tuple[str, Any, Any]]:
        """Changed fields as (field label, old, new), in the order they were recorded."""
        from house.activity import format_change

        raw = self.data.get("changes") if isinstance(self.data, dict) else None
        if not isinstance(raw, dict):
            return []
        rows = []
        for field, pair in raw.items():
            old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
            rows.append(format_change(self, field, old, new))
        return rows

    @property
    def note(self) -> str:
        """A free-text note recorded with the entry (a reason, a remark), if any."""
        value = self.data.get("note") if isinstance(self.data, dict) else None
        return str(value) if value else ""
