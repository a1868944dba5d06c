"""The privacy registry: every app declares the personal data it keeps (DSGVO Art. 15/17).

Each app has a ``privacy.py`` with one provider, registered at start-up::

    @register
    class RoomsData(PersonalDataProvider):
        key = "rooms"
        retained = (RetainedRecord(what=_("Bookings"), reason=_("…")),)

        def export(self, subject): ...   # JSON-ready data held about the person
        def erase(self, subject): ...    # delete or anonymise it

A person is a :class:`DataSubject`: their account and every e-mail address
they hold, so that what they did without signing in (an event registration,
a booking request) is found too. ``export_person`` and ``erase_person`` ask
every provider; ``house`` imports no app for that. ``erase`` runs inside one
transaction for all providers, ordered by ``erase_order`` (the account
itself is deleted last). A provider refuses an erasure it cannot do yet
(the last admin of an organisation) by returning reasons from ``blockers``.

Records the law requires the house to keep are named in ``retained`` with
their reason; ``docs/privacy.md`` lists them, and the canary test allows a
person's marker only in those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import transaction

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from house.models import User

#: What erased text is replaced with where a row must stay.
ERASED = "[gelöscht]"


@dataclass(frozen=True)
class DataSubject:
    """The person a request is about: the account and all of its e-mail addresses."""

    user: User
    emails: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_user(cls, user: User) -> DataSubject:
        from allauth.account.models import EmailAddress

        addresses = {user.email.lower()} if user.email else set()
        addresses.update(
            e.lower()
            for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        )
        return cls(user=user, emails=frozenset(addresses))

    def mentions(self, text: str) -> bool:
        lowered = text.lower()
        return any(email in lowered for email in self.emails)

    def scrub(self, text: str) -> str:
        """``text`` with every address of the person replaced (case-insensitively)."""
        import re

        for email in self.emails:
            text = re.sub(re.escape(email), ERASED, text, flags=re.IGNORECASE)
        return text


@dataclass(frozen=True)
class RetainedRecord:
    """Data that stays after erasure because the law requires it, and why."""

    what: Promise | str
    reason: Promise | str
    model: str = ""  #: "app_label.ModelName" of the rows kept, for the canary test


class PersonalDataProvider:
    """One app's personal data: override ``export`` and ``erase``."""

    key: ClassVar[str] = ""
    erase_order: ClassVar[int] = 100
    retained: ClassVar[tuple[RetainedRecord, ...]] = ()

    def export(self, subject: DataSubject) -> Any:
        raise NotImplementedError

    def erase(self, subject: DataSubject) -> None:
        raise NotImplementedError

    def blockers(self, subject: DataSubject) -> list[str]:
        """Reasons, in the reader's language, why the person cannot be erased right now."""
        return []


_REGISTRY: dict[str, PersonalDataProvider] = {}


def register(provider_class: type[PersonalDataProvider]) -> type[PersonalDataProvider]:
    """Class decorator: register an app's provider under its ``key``."""
    if not provider_class.key:
        raise ValueError(f"{provider_class.__name__} needs a key")
    _REGISTRY[provider_class.key] = provider_class()
    return provider_class


def providers() -> list[PersonalDataProvider]:
    return sorted(_REGISTRY.values(), key=lambda p: (p.erase_order, p.key))


def retained_records() -> list[tuple[str, RetainedRecord]]:
    return [(p.key, record) for p in providers() for record in p.retained]


class ErasureRefusedError(Exception):
    """The person cannot be erased yet; ``reasons`` say why, in the reader's language."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def export_person(*, user: User) -> dict[str, Any]:
    """Everything the portal keeps about ``user``, one section per app (Art. 15/20)."""
    subject = DataSubject.for_user(user)
    return {p.key: p.export(subject) for p in sorted(providers(), key=lambda p: p.key)}


def erase_person(*, user: User) -> None:
    """Erase ``user`` in every app, in one transaction (Art. 17).

    Raises :class:`ErasureRefusedError` before changing anything when a
    provider names a blocker.
    """
    from house.models import User as UserModel

    with transaction.atomic():
        locked = UserModel.objects.select_for_update().get(pk=user.pk)
        subject = DataSubject.for_user(locked)
        reasons = [reason for p in providers() for reason in p.blockers(subject)]
        if reasons:
            raise ErasureRefusedError(reasons)
        for provider in providers():
            provider.erase(subject)
