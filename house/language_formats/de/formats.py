"""German date formats, taken from the portal's named formats (the rest stays Django's)."""

from house.formats import pattern

DATE_FORMAT = pattern("date", "de")
DATETIME_FORMAT = pattern("datetime", "de")
SHORT_DATE_FORMAT = pattern("short_date", "de")
SHORT_DATETIME_FORMAT = pattern("short_datetime", "de")
TIME_FORMAT = pattern("time", "de")
YEAR_MONTH_FORMAT = pattern("month", "de")
