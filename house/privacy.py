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
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from house.models import User

#: What erased text is replaced with where a row must stay.
ERASED = "[gelöscht]"
#: Names shorter than this are not searched for in free text.
MIN_NAME_LENGTH = 4


@dataclass(frozen=True)
class DataSubject:
    """The person a request is about: the account and all of its e-mail addresses."""

    user: User
    emails: frozenset[str] = field(default_factory=frozenset)
    #: The person's name as the account holds it, scrubbed from records about them.
    names: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_user(cls, user: User) -> DataSubject:
        from allauth.account.models import EmailAddress

        addresses = {user.email.lower()} if user.email else set()
        addresses.update(
            e.lower()
            for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        )
        name = (user.name or "").strip()
        # A very short name ("Al") would scrub unrelated words out of the records.
        names = frozenset({name}) if len(name) >= MIN_NAME_LENGTH else frozenset()
        return cls(user=user, emails=frozenset(addresses), names=names)

    @property
    def terms(self) -> list[str]:
        """The strings that identify the person in free text: addresses, then the name."""
        return sorted(self.emails) + sorted(self.names)

    def mentions(self, text: str) -> bool:
        lowered = text.lower()
        return any(term.lower() in lowered for term in self.terms)

    def scrub(self, text: str) -> str:
        """``text`` with every address and the name of the person replaced
        (case-insensitively)."""
        import re

        for term in sorted(self.terms, key=len, reverse=True):
            text = re.sub(re.escape(term), ERASED, text, flags=re.IGNORECASE)
        return text

    def scrub_data(self, value: Any) -> Any:
        """``value`` (JSON-like: dicts, lists, strings) with every string scrubbed."""
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, dict):
            return {key: self.scrub_data(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.scrub_data(item) for item in value]
        return value


@dataclass(frozen=True)
class RetainedRecord:
    """Data that stays after erasure because the law requires it, and why."""

    what: Promise | str
    reason: Promise | str
    #: "app_label.ModelName" of rows that keep the person's data itself after erasure:
    #: the canary test allows the person's marker there. Leave it empty for rows
    #: that stay anonymised (the marker must be gone from them).
    model: str = ""


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


def erasure_blockers(*, user: User) -> list[str]:
    """Why ``user`` cannot be erased right now (empty when nothing stands in the way)."""
    subject = DataSubject.for_user(user)
    return [reason for p in providers() for reason in p.blockers(subject)]


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


# --- The house's own provider: the account, its addresses and roles, e-mails, history ---


def _mentioning(fields: list[str], subject: DataSubject) -> Any:
    """A filter for rows whose ``fields`` mention one of the person's addresses or names."""
    from django.db.models import Q

    query = Q(pk__in=[])
    for term in subject.terms:
        for name in fields:
            query |= Q(**{f"{name}__icontains": term})
    return query


def _addressed_to(email_to: list[str], subject: DataSubject) -> bool:
    return any(address.lower() in subject.emails for address in email_to)


@register
class HouseData(PersonalDataProvider):
    """The account, its e-mail addresses, roles and sign-in factors, the e-mails the
    outbox keeps for or about the person, and the history entries that name them."""

    key = "house"
    erase_order = 1000  # last: the other apps still find the account and its addresses
    retained = (
        RetainedRecord(
            what=_("Sent e-mails (Message-ID, subject, status, times)"),
            reason=_(
                "Proof that confirmations and invoices went out (commercial letters, "
                "§ 257 HGB). The recipient is kept only as a hash; text, HTML and "
                "attachments are erased."
            ),
        ),
        RetainedRecord(
            what=_("History entries of organisations, bookings and events"),
            reason=_(
                "The history of a booking or an organisation's entry stays readable "
                "for the others involved; the person's name and addresses are erased "
                "from it and the entries no longer point to the account."
            ),
        ),
    )

    _EMAIL_FIELDS: ClassVar[list[str]] = [
        "to",
        "reply_to",
        "subject",
        "subjects",
        "body_text",
        "body_html",
        "attachments",
    ]

    def export(self, subject: DataSubject) -> dict[str, Any]:
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator

        from house.models import ActivityLog, OutboxEmail

        user = subject.user
        emails = [
            row
            for row in OutboxEmail.objects.filter(_mentioning(["to"], subject)).order_by(
                "created_at"
            )
            if _addressed_to(row.to, subject)
        ]
        mentions = ActivityLog.objects.filter(_mentioning(["data"], subject)).order_by("timestamp")
        return {
            "person": {
                "name": user.name,
                "email": user.email,
                "language": user.language,
                "joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
                "privacy_consent_at": (
                    user.privacy_consent_at.isoformat() if user.privacy_consent_at else None
                ),
                "second_factor_due_by": (
                    user.staff_enrolment_due.isoformat() if user.staff_enrolment_due else None
                ),
            },
            "email_addresses": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user).order_by("email")
            ],
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "sign_in_factors": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
            "emails_to_you": [
                {
                    "subject": row.subject,
                    "to": row.to,
                    "status": row.status,
                    "created": row.created_at.isoformat(),
                    "sent": row.sent_at.isoformat() if row.sent_at else None,
                    "text": row.body_text,
                }
                for row in emails
            ],
            "history_entries_about_you": [
                {
                    "time": entry.timestamp.isoformat(),
                    "action": entry.action_type,
                    "message": entry.message,
                    "details": entry.data,
                }
                for entry in mentions
            ],
            "your_actions_in_histories": [
                {"time": timestamp.isoformat(), "action": action_type}
                for timestamp, action_type in ActivityLog.objects.filter(actor=user)
                .order_by("timestamp")
                .values_list("timestamp", "action_type")
            ],
        }

    def erase(self, subject: DataSubject) -> None:
        from house.models import ActivityLog, OutboxEmail
        from house.services import purge_emails

        mentioning = list(OutboxEmail.objects.filter(_mentioning(self._EMAIL_FIELDS, subject)))
        addressed = [row.pk for row in mentioning if _addressed_to(row.to, subject)]
        purge_emails(emails=OutboxEmail.objects.filter(pk__in=addressed))
        for row in OutboxEmail.objects.filter(pk__in=[row.pk for row in mentioning]):
            # E-mails to others that quote the person (a booking request at the
            # reception, a copy to an organisation's admins) lose the quotes.
            OutboxEmail.objects.filter(pk=row.pk).update(
                to=[subject.scrub(address) for address in row.to],
                reply_to=subject.scrub(row.reply_to),
                subject=subject.scrub(row.subject),
                subjects=subject.scrub_data(row.subjects),
                body_text=subject.scrub(row.body_text),
                body_html=subject.scrub(row.body_html),
                attachments=subject.scrub_data(row.attachments),
            )
        for entry in ActivityLog.objects.filter(_mentioning(["data"], subject)):
            ActivityLog.objects.filter(pk=entry.pk).update(data=subject.scrub_data(entry.data))
        # Addresses, sign-in factors, memberships, feed tokens go with the account.
        subject.user.delete()
