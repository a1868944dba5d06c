"""Series of events: the dates of a rule and the events created for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dateutil.rrule import rrulestr
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, EventSeries
from events.services.common import MAX_SERIES_DATES, EventError, unique_slug
from events.services.editing import save_event
from house.dates import bounded_occurrences
from house.formats import format_as

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Language, TargetGroup


def series_dates(
    *,
    first_start: dt.datetime,
    duration: dt.timedelta,
    rrule: str,
    exceptions: Sequence[dt.date] = (),
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The dates of a series: the RRULE runs on Europe/Berlin wall-clock time.

    So the café stays at 15:00 local across the daylight-saving change. Raises
    :class:`EventError` for an unreadable or endless rule.
    """
    local_start = timezone.localtime(first_start).replace(tzinfo=None)
    try:
        rule = rrulestr(rrule.removeprefix("RRULE:"), dtstart=local_start)
    except (ValueError, TypeError) as exc:
        raise EventError(_("The recurrence rule cannot be read."), field="rrule") from exc
    if "COUNT=" not in rrule.upper() and "UNTIL=" not in rrule.upper():
        raise EventError(_("A series needs an end: COUNT or UNTIL."), field="rrule")
    skipped = set(exceptions)
    dates = []
    # Read lazily: a rule running to the year 9999 must not be expanded to be refused.
    planned = bounded_occurrences(rule, limit=MAX_SERIES_DATES + 1)
    if len(planned) > MAX_SERIES_DATES:
        raise EventError(
            _("A series can have at most %(n)s dates.") % {"n": MAX_SERIES_DATES},
            field="rrule",
        )
    for local in planned:
        if local.date() in skipped:
            continue
        start = timezone.make_aware(local)
        dates.append((start, timezone.make_aware(local + duration)))
    return dates


def create_series(
    *,
    actor: User,
    template: Event,
    rrule: str,
    exceptions: Sequence[dt.date] = (),
    target_groups: Iterable[TargetGroup] = (),
    languages: Iterable[Language] = (),
) -> EventSeries:
    """Create a series and one event per date, copied from ``template`` (unsaved).

    Each date books the room on its own; the first conflict refuses the whole
    series with the booking's message and the date (nothing saved).
    """
    duration = template.end - template.start
    dates = series_dates(
        first_start=template.start, duration=duration, rrule=rrule, exceptions=exceptions
    )
    if not dates:
        raise EventError(_("The rule gives no dates."), field="rrule")
    target_groups, languages = list(target_groups), list(languages)
    with transaction.atomic():
        series = EventSeries.objects.create(
            organisation=template.organisation,
            title=template.title,
            rrule=rrule.removeprefix("RRULE:"),
            first_start=template.start,
            duration=duration,
            exceptions=[d.isoformat() for d in exceptions],
            created_by=actor,
        )
        for start, end in dates:
            event = Event(
                **{
                    f.name: getattr(template, f.name)
                    for f in Event._meta.concrete_fields
                    if f.name not in {"id", "slug", "start", "end", "booking", "series"}
                }
            )
            event.pk = None
            event.series = series
            event.start, event.end = start, end
            event.slug = unique_slug(template.title, start=start)
            try:
                save_event(
                    actor=actor, event=event, target_groups=target_groups, languages=languages
                )
            except EventError as exc:
                raise EventError(
                    _("%(date)s: %(message)s")
                    % {"date": format_as(start, "short_date"), "message": exc},
                    field=exc.field,
                    alternatives=exc.alternatives,
                ) from exc
    return series
