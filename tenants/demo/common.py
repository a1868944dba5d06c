"""Shorthands the demo organisations are written in: kinds, legal forms, weekdays, times."""

from __future__ import annotations

import datetime as dt

from tenants.models import Organisation

K = Organisation.Kind
L = Organisation.LegalForm
MO, TU, WE, TH, FR = range(5)


def _t(h: int, m: int = 0) -> dt.time:
    return dt.time(h, m)
