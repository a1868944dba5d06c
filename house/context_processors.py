"""Template context every page needs: the house and the visitor's navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.cache import cache

from house import permissions
from house.models import HouseProfile

if TYPE_CHECKING:
    from django.http import HttpRequest

HOUSE_CACHE_KEY = "house:profile"


def current_house() -> HouseProfile | None:
    house = cache.get(HOUSE_CACHE_KEY)
    if house is None:
        # False marks "no house set up yet", so that is not asked again on every render.
        house = HouseProfile.objects.filter(pk=1).first() or False
        cache.set(HOUSE_CACHE_KEY, house, 600)
    return house or None


def portal(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "house": current_house(),
        "nav": {
            "staff": permissions.is_house_staff(user),
            "reception": permissions.can_use_reception(user),
            "manage_house": permissions.can_manage_house(user),
            "admin": user.is_authenticated and user.is_staff,
            # The cached navigation differs by role set: areas show links per role.
            "roles": ",".join(sorted(user.role_names)) if user.is_authenticated else "",
        },
    }
