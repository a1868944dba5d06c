"""Fetching what a person may see (404 otherwise) and asking what they may do (403)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from house.governance.models import Committee

if TYPE_CHECKING:
    from django.http import HttpRequest

    from house.governance.services import GovernanceError


def committee_for(request: HttpRequest, slug: str) -> Committee:
    """The committee, if ``request.user`` may open its area; else 404."""
    return get_object_or_404(Committee.objects.visible_to(request.user), slug=slug)


def require(request: HttpRequest, permission: str, committee: Committee) -> None:
    if not request.user.has_perm(permission, committee):
        raise PermissionDenied


def refuse(request: HttpRequest, error: GovernanceError) -> None:
    messages.error(request, error.message)
