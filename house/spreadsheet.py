"""CSV downloads that open correctly in Excel and LibreOffice, and safely.

Names, titles and answers come from public forms and tenants' own profiles; a
cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return would run
as a formula in a spreadsheet (CSV injection), so such text cells get a
leading apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename: str, rows: Iterable[Iterable[object]]) -> HttpResponse:
    """A ``;``-separated UTF-8 CSV attachment (with the byte-order mark Excel needs)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return response
