"""Who books at the reception: organisations and earlier contacts, found by a few letters.

The reception types a few letters of a name, an e-mail address or an organisation. The
matches are the organisations of the house and the contacts of earlier bookings made
without an organisation (one per e-mail address, with the details of their latest
booking). Each match brings what the next booking needs: the booker category the fee
rules will see (for a contact, the one of their last booking) and the seating layout
they use most. Picking one fills the reception's booking form with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.utils import timezone

from rooms.fees import BookerCategory, decide_category
from rooms.models import Booking, Layout, OrganisationCategory

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from tenants.models import Organisation

#: Letters typed before the search starts, and the matches shown at most.
MIN_LETTERS = 2
MATCHES = 8
#: Organisations shown at most when contacts match too.
ORGANISATIONS_FIRST = 5
#: Earlier bookings read per search for contacts (the newest first).
CONTACT_ROWS = 200

ORGANISATION_KEY = "organisation"
CONTACT_KEY = "contact"


@dataclass(frozen=True, slots=True)
class Booker:
    """An organisation or an earlier contact, as the booking form takes them over."""

    key: str
    name: str
    detail: str
    category: str
    layout: str
    organisation_id: int | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_organisation: str = ""

    @property
    def is_contact(self) -> bool:
        return self.organisation_id is None

    @property
    def category_label(self) -> str | Promise:
        return BookerCategory(self.category).label

    @property
    def layout_label(self) -> str | Promise:
        return Layout(self.layout).label if self.layout in Layout.values else ""


def find_bookers(text: str, *, limit: int = MATCHES) -> list[Booker]:
    """The organisations and earlier contacts whose name (contacts: or e-mail address or
    stated organisation) contains ``text``; nothing for fewer than ``MIN_LETTERS``."""
    from tenants.models import Organisation

    text = " ".join(text.split())
    if len(text) < MIN_LETTERS:
        return []
    organisations = list(Organisation.objects.filter(name__icontains=text).order_by("name")[:limit])
    contacts = _contacts(
        Q(contact_name__icontains=text)
        | Q(contact_email__icontains=text)
        | Q(contact_organisation__icontains=text),
        limit=limit,
    )
    shown = max(ORGANISATIONS_FIRST, limit - len(contacts))
    return [*_organisation_bookers(organisations[:shown]), *contacts][:limit]


def booker_by_key(key: str) -> Booker | None:
    """The booker a match's ``key`` names (``organisation:<id>``, ``contact:<booking id>``),
    or ``None`` if it names nothing (any more)."""
    from tenants.models import Organisation

    kind, _sep, number = key.partition(":")
    if not number.isdigit():
        return None
    if kind == ORGANISATION_KEY:
        organisation = Organisation.objects.filter(pk=int(number)).first()
        return _organisation_bookers([organisation])[0] if organisation else None
    if kind == CONTACT_KEY:
        email = (
            Booking.objects.filter(pk=int(number), organisation__isnull=True)
            .exclude(contact_email="")
            .values_list("contact_email", flat=True)
            .first()
        )
        if email is None:
            return None
        found = _contacts(Q(contact_email__iexact=email), limit=1)
        return found[0] if found else None
    return None


def _organisation_bookers(organisations: list[Organisation]) -> list[Booker]:
    """Each organisation with the category the fee rules give it today and its usual layout."""
    from rooms.services import category_from_papers

    if not organisations:
        return []
    # House management's categories for all of them in one query, not one per match.
    decided = {
        set_by_house.organisation_id: set_by_house.as_house_category()
        for set_by_house in OrganisationCategory.objects.filter(organisation__in=organisations)
    }
    usual: dict[int, str] = {}
    counts = (
        Booking.objects.filter(organisation__in=organisations)
        .values("organisation_id", "layout")
        .annotate(uses=Count("pk"))
        .order_by("organisation_id", "-uses", "layout")
    )
    for row in counts:
        usual.setdefault(row["organisation_id"], row["layout"])
    today = timezone.localdate()
    return [
        Booker(
            key=f"{ORGANISATION_KEY}:{organisation.pk}",
            name=organisation.name,
            detail=organisation.city or "",
            category=decide_category(
                from_papers=category_from_papers(organisation, on=today),
                house=decided.get(organisation.pk),
                stated=None,
                on=today,
            ).category,
            layout=usual.get(organisation.pk, ""),
            organisation_id=organisation.pk,
        )
        for organisation in organisations
    ]


def _contacts(condition: Q, *, limit: int) -> list[Booker]:
    """Contacts of earlier bookings without an organisation, one per e-mail address: the
    details and category of their latest booking and the layout they chose most."""
    rows = list(
        Booking.objects.filter(condition, organisation__isnull=True)
        .exclude(contact_email="")
        .order_by("-start")
        .values(
            "pk",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_organisation",
            "booker_category",
            "layout",
        )[:CONTACT_ROWS]
    )
    latest: dict[str, Mapping[str, Any]] = {}
    layouts: dict[str, Counter[str]] = {}
    for row in rows:
        email = str(row["contact_email"]).lower()
        latest.setdefault(email, row)
        layouts.setdefault(email, Counter())[str(row["layout"])] += 1
    found = []
    for email, newest in list(latest.items())[:limit]:
        name = str(newest["contact_name"]) or email
        organisation = str(newest["contact_organisation"])
        found.append(
            Booker(
                key=f"{CONTACT_KEY}:{newest['pk']}",
                name=name,
                detail=", ".join(
                    part for part in (organisation, str(newest["contact_email"])) if part
                ),
                category=str(newest["booker_category"]),
                layout=layouts[email].most_common(1)[0][0],
                contact_name=str(newest["contact_name"]),
                contact_email=str(newest["contact_email"]),
                contact_phone=str(newest["contact_phone"]),
                contact_organisation=organisation,
            )
        )
    return found
