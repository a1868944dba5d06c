"""``{{ value|format_as:"weekday_date" }}``: dates in the reader's language (see house.formats)."""

from __future__ import annotations

import datetime as dt

from django import template

from house import formats

register = template.Library()


@register.filter
def format_as(value: dt.date | dt.datetime | None, name: str) -> str:
    if not isinstance(value, dt.date):
        return ""
    return formats.format_as(value, name)
