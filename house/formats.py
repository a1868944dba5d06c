"""Named date formats in each language of the portal: the one place pages and e-mails take
a date's shape from, so an English page never shows a German date order."""

from __future__ import annotations

import datetime as dt

from django.utils import dateformat, timezone, translation

#: name → pattern per language (Django's date-format letters). German is the fallback.
FORMATS: dict[str, dict[str, str]] = {
    "date": {"de": "j. F Y", "en": "j F Y"},
    "weekday_date": {"de": "l, j. F Y", "en": "l, j F Y"},
    "datetime": {"de": "j. F Y, H:i", "en": "j F Y, H:i"},
    "weekday_datetime": {"de": "l, j. F Y, H:i", "en": "l, j F Y, H:i"},
    "weekday_day_time": {"de": "l, j. F, H:i", "en": "l, j F, H:i"},
    "weekday_day": {"de": "l, j. n.", "en": "l, j M"},
    "short_date": {"de": "d.m.Y", "en": "d/m/Y"},
    "short_datetime": {"de": "d.m.Y H:i", "en": "d/m/Y H:i"},
    "short_weekday_date": {"de": "D j. n. Y", "en": "D j M Y"},
    "short_weekday_datetime": {"de": "D j. n. Y H:i", "en": "D j M Y H:i"},
    "short_weekday_day": {"de": "D j. n.", "en": "D j M"},
    "month": {"de": "F Y", "en": "F Y"},
    "month_abbr": {"de": "M", "en": "M"},
    "day_number": {"de": "j.", "en": "j"},
    "time": {"de": "H:i", "en": "H:i"},
}


def pattern(name: str, language: str | None = None) -> str:
    patterns = FORMATS[name]
    language = (language or translation.get_language() or "de").split("-")[0]
    return patterns.get(language, patterns["de"])


def format_as(value: dt.date | dt.datetime | None, name: str) -> str:
    """``value`` in the named format of the active language; aware datetimes in local time."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, pattern(name))
