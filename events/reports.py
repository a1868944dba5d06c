"""The figures the house reports to its funders: events and participants per month.

Participants are the confirmed places of registrations (they survive the
anonymisation of personal data). Cancelled events are not counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _

from events.models import Category, Event, Registration
from tenants.models import TargetGroup

MONTHS = list(range(1, 13))


def _table(
    labels: list[tuple[str, str]],
    counts: dict[tuple[int, str], int],
    seats: dict[tuple[int, str], int],
) -> list[dict[str, Any]]:
    rows = []
    for key, label in labels:
        cells = [(counts.get((m, key), 0), seats.get((m, key), 0)) for m in MONTHS]
        rows.append(
            {
                "label": label,
                "cells": cells,
                "events": sum(c[0] for c in cells),
                "participants": sum(c[1] for c in cells),
            }
        )
    return rows


def monthly_figures(*, year: int) -> dict[str, Any]:
    events = (
        Event.objects.published().filter(start__year=year).exclude(status=Event.Status.CANCELLED)
    )
    registrations = Registration.objects.confirmed().filter(event__in=events)
    month = ExtractMonth("start")
    event_month = ExtractMonth("event__start")

    by_category = {
        (r["m"], r["category"]): r["n"]
        for r in events.annotate(m=month).values("m", "category").annotate(n=Count("pk"))
    }
    seats_by_category = {
        (r["m"], r["event__category"]): r["s"]
        for r in registrations.annotate(m=event_month)
        .values("m", "event__category")
        .annotate(s=Sum("seats"))
    }
    through = Event.target_groups.through
    group_rows = (
        through.objects.filter(event__in=events)
        .annotate(m=ExtractMonth("event__start"))
        .values("m", "targetgroup__slug")  # type: ignore[misc]  # the plugin misses annotations on M2M through models
        .annotate(n=Count("event", distinct=True))
    )
    by_group = {(r["m"], r["targetgroup__slug"]): r["n"] for r in group_rows}
    seats_by_group = {
        (r["m"], r["event__target_groups__slug"]): r["s"]
        for r in registrations.filter(event__target_groups__isnull=False)
        .annotate(m=event_month)
        .values("m", "event__target_groups__slug")
        .annotate(s=Sum("seats"))
    }
    totals_events = {
        r["m"]: r["n"] for r in events.annotate(m=month).values("m").annotate(n=Count("pk"))
    }
    totals_seats = {
        r["m"]: r["s"]
        for r in registrations.annotate(m=event_month).values("m").annotate(s=Sum("seats"))
    }
    groups = [(g.slug, g.label) for g in TargetGroup.objects.all()]
    return {
        "months": MONTHS,
        "month_dates": [dt.date(year, m, 1) for m in MONTHS],
        "categories": _table(
            [(value, str(label)) for value, label in Category.choices],
            by_category,
            seats_by_category,
        ),
        "target_groups": _table(groups, by_group, seats_by_group),
        "totals": [(totals_events.get(m, 0), totals_seats.get(m, 0)) for m in MONTHS],
        "total_events": sum(totals_events.values()),
        "total_participants": sum(totals_seats.values()),
    }


def csv_rows(data: dict[str, Any]) -> list[list[Any]]:
    header = [_("Breakdown"), _("Group"), _("Figure"), *data["months"], _("Year")]
    rows: list[list[Any]] = [header]
    for section, key in ((_("Category"), "categories"), (_("Target group"), "target_groups")):
        for row in data[key]:
            rows.append(
                [section, row["label"], _("Events"), *[c[0] for c in row["cells"]], row["events"]]
            )
            rows.append(
                [
                    section,
                    row["label"],
                    _("Participants"),
                    *[c[1] for c in row["cells"]],
                    row["participants"],
                ]
            )
    rows.append(
        [_("Total"), "", _("Events"), *[t[0] for t in data["totals"]], data["total_events"]]
    )
    rows.append(
        [
            _("Total"),
            "",
            _("Participants"),
            *[t[1] for t in data["totals"]],
            data["total_participants"],
        ]
    )
    return rows
