"""English date formats, taken from the portal's named formats (day first, 24-hour clock)."""

from house.formats import pattern

DATE_FORMAT = pattern("date", "en")
DATETIME_FORMAT = pattern("datetime", "en")
SHORT_DATE_FORMAT = pattern("short_date", "en")
SHORT_DATETIME_FORMAT = pattern("short_datetime", "en")
TIME_FORMAT = pattern("time", "en")
YEAR_MONTH_FORMAT = pattern("month", "en")
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday

# What a person may type: ISO first (the browsers' date fields send it), then day first.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %b %Y", "%d %B %Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
