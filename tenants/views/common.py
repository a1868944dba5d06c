"""What the organisations' views share: finding the organisation or service asked for."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from house.models import ClosureDay, User
from tenants.models import LOOKAHEAD_DAYS, Organisation, Service

if TYPE_CHECKING:
    from django.http import HttpRequest


def _me(request: HttpRequest) -> User:
    """The signed-in user (the views using it are behind ``login_required``)."""
    return cast(User, request.user)


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    return get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)


def _member_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = _organisation(request, slug)
    if not request.user.has_perm("tenants.enter_organisation", organisation):
        raise PermissionDenied
    return organisation


def _admin_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = _organisation(request, slug)
    if not request.user.has_perm("tenants.change_organisation", organisation):
        raise PermissionDenied
    return organisation


def _service(request: HttpRequest, slug: str, service_slug: str) -> Service:
    return get_object_or_404(
        Service.objects.visible_to(request.user).select_related("organisation"),
        organisation__slug=slug,
        slug=service_slug,
    )


def _closure_days(today: dt.date) -> set[dt.date]:
    """The house's closure days in the window the next consultation hours are looked for in."""
    return set(
        ClosureDay.objects.between(today, today + dt.timedelta(days=LOOKAHEAD_DAYS)).values_list(
            "date", flat=True
        )
    )
