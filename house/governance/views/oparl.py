"""The read-only OParl 1.1 interface: a system, one body, paged lists with ``modified_since``."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET

from house.governance import oparl

PAGE_SIZE = 20
#: The filters of OParl 1.1 (section "Filter"), kept in the paging links.
FILTERS = ("modified_since", "modified_until", "created_since", "created_until")


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Type"] = "application/json; charset=utf-8"
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"type": "Error", "message": message}, status=status)


@require_GET
def system(request):
    return _json(oparl.system())


@require_GET
def object_list(request, kind):
    if kind == "body":
        data = [oparl.body()]
        return _json(
            {
                "data": data,
                "pagination": {
                    "totalElements": 1,
                    "elementsPerPage": PAGE_SIZE,
                    "currentPage": 1,
                    "totalPages": 1,
                },
                "links": {"first": oparl.list_url("body"), "last": oparl.list_url("body")},
            }
        )
    table = oparl.querysets().get(kind)
    if table is None:
        raise Http404
    rows, serialize, modified_field = table
    params = {}
    for name in FILTERS:
        value = request.GET.get(name)
        if value is None:
            continue
        moment = parse_datetime(value.replace(" ", "+"))
        if moment is None or moment.tzinfo is None:
            return _error(f"{name}: please give a date-time with time zone (ISO 8601).", 400)
        params[name] = value
        field = modified_field if name.startswith("modified") else "created"
        if kind in ("person",) and field == "created":
            field = "date_joined"
        lookup = "gte" if name.endswith("since") else "lte"
        rows = rows.filter(**{f"{field}__{lookup}": moment})
    organization = request.GET.get("organization")
    if kind == "meeting" and organization:
        if not organization.isdigit():
            return _error("organization: please give a number.", 400)
        rows = rows.filter(committee_id=int(organization))
        params["organization"] = organization
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return _error("page: please give a number.", 400)
    rows = rows.order_by("pk")
    total = rows.count()
    pages = max(1, math.ceil(total / PAGE_SIZE))
    chunk = list(rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    base = oparl.list_url(kind)

    def link(number: int) -> str:
        return base + "?" + urlencode({**params, "page": number})

    links = {"first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    return _json(
        {
            "data": [serialize(row) for row in chunk],
            "pagination": {
                "totalElements": total,
                "elementsPerPage": PAGE_SIZE,
                "currentPage": page,
                "totalPages": pages,
            },
            "links": links,
        }
    )


@require_GET
def object_detail(request, kind, pk):
    if kind == "body":
        if pk != oparl.BODY_ID:
            raise Http404
        return _json(oparl.body())
    table = oparl.querysets().get(kind)
    if table is None:
        raise Http404
    rows, serialize, _field = table
    row = rows.filter(pk=pk).first()
    if row is None:
        return _error("Not found.", 404)
    return _json(serialize(row))
