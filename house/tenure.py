"""How long and how regularly a person has volunteered in the house: a hook in the spine.

The rooms' fee rule "volunteers regularly active for more than a year may book a
single room for a private celebration" needs a person's tenure, which the
volunteer area computes from its hours ledger. Rooms sit below the areas and must
not import them, so the area registers a provider here at start-up
(``register_tenure_provider``) and rooms ask :func:`volunteer_tenure`. Without a
provider (or for a person the provider does not know) the answer is "not a
volunteer".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext

if TYPE_CHECKING:
    from house.models import User


@dataclass(frozen=True)
class Tenure:
    """Whether the person counts as a regular volunteer on a day, and why, in words."""

    qualifies: bool
    explanation: str
    active_since: dt.date | None = None


TenureProvider = Callable[..., Tenure]

_provider: TenureProvider | None = None


def register_tenure_provider(fn: TenureProvider) -> None:
    """Install the function that answers ``fn(user=..., on=...) -> Tenure`` (one per process)."""
    global _provider  # noqa: PLW0603 - one provider per process, set once at start-up
    _provider = fn


def volunteer_tenure(*, user: User | None, on: dt.date) -> Tenure:
    """The tenure of ``user`` on the day ``on``: whether they qualify and the reason in words."""
    if user is None or not getattr(user, "is_active", False) or not getattr(user, "pk", None):
        return Tenure(False, gettext("Not registered as a volunteer of the house."))
    if _provider is None:
        return Tenure(False, gettext("Not registered as a volunteer of the house."))
    return _provider(user=user, on=on)
