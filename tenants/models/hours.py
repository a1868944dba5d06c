"""Consultation hours of a service, weekly or on single dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models.directory import Service
from tenants.models.organisation import Organisation

if TYPE_CHECKING:
    from collections.abc import Collection


#: How far ahead the next consultation hours are looked for (a monthly rule fits in).
LOOKAHEAD_DAYS = 36


class ConsultationHoursQuerySet(models.QuerySet["ConsultationHours"]):
    def on_day(self, day: dt.date) -> ConsultationHoursQuerySet:
        """Hours held on ``day``: weekly ones of its weekday, monthly ones of its week."""
        week = (day.day - 1) // 7 + 1
        is_last = (day + dt.timedelta(days=7)).month != day.month
        weeks = Q(week_of_month__isnull=True) | Q(week_of_month=week)
        if is_last:
            weeks |= Q(week_of_month=-1)
        return self.filter(weeks, weekday=day.weekday())

    def running_at(self, local: dt.datetime) -> ConsultationHoursQuerySet:
        """Hours running at the local (Europe/Berlin) moment ``local``."""
        return self.on_day(local.date()).filter(
            opens_at__lte=local.time(), closes_at__gt=local.time()
        )

    def public_on(self, day: dt.date) -> ConsultationHoursQuerySet:
        """What the public can come to on ``day``: hours of public services, by opening time."""
        return (
            self.on_day(day)
            .filter(service__in=Service.objects.public())
            .select_related("service", "service__organisation")
            .order_by("opens_at", "service__name")
        )


class ConsultationHours(models.Model):
    """Recurring consultation hours in Europe/Berlin local time (HSDS ``schedule``).

    Weekly on ``weekday``, or monthly on its n-th occurrence (``week_of_month``
    1–4, or -1 for the last one). Belongs to an organisation and optionally to
    one of its services.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    class WeekOfMonth(models.IntegerChoices):
        FIRST = 1, pgettext_lazy("week of month", "first")
        SECOND = 2, pgettext_lazy("week of month", "second")
        THIRD = 3, pgettext_lazy("week of month", "third")
        FOURTH = 4, pgettext_lazy("week of month", "fourth")
        LAST = -1, pgettext_lazy("week of month", "last")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
        help_text=_("Leave empty for the organisation's general office hours."),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("only in the week"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty for every week."),
    )
    opens_at = models.TimeField(_("from"))
    closes_at = models.TimeField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ConsultationHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation hours")
        verbose_name_plural = _("consultation hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="consultationhours_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0) & Q(weekday__lte=6),
                name="consultationhours_weekday_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["weekday", "opens_at", "closes_at"], name="hours_weekday_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    @property
    def label(self) -> str:
        if self.week_of_month is None:
            day = str(self.get_weekday_display())
        else:
            day = str(_("%(nth)s %(weekday)s of the month")) % {
                "nth": self.get_week_of_month_display(),
                "weekday": self.get_weekday_display(),
            }
        return f"{day}, {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def _runs_on(self, day: dt.date) -> bool:
        if day.weekday() != self.weekday:
            return False
        if self.week_of_month is None:
            return True
        if self.week_of_month == -1:
            return (day + dt.timedelta(days=7)).month != day.month
        return (day.day - 1) // 7 + 1 == self.week_of_month

    def next_occurrence(
        self, after: dt.datetime, closed: Collection[dt.date] = ()
    ) -> tuple[dt.datetime, dt.datetime] | None:
        """The next (start, end) in Europe/Berlin whose end lies after ``after``, within 5 weeks.

        Days in ``closed`` are skipped.
        """
        tz = timezone.get_current_timezone()
        local = timezone.localtime(after, tz)
        for offset in range(LOOKAHEAD_DAYS):
            day = local.date() + dt.timedelta(days=offset)
            if day in closed or not self._runs_on(day):
                continue
            start = dt.datetime.combine(day, self.opens_at, tzinfo=tz)
            end = dt.datetime.combine(day, self.closes_at, tzinfo=tz)
            if end > local:
                return start, end
        return None
