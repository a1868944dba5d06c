"""Demo data of the volunteer area, modelled on the Stadthaus Laatzen (seed 002): a café run
by volunteers on weekdays, a dozen volunteers with histories long and short, qualifications
about to expire, a waiting list, and the demo volunteer and coordinator at work.

Idempotent. Rows that would send e-mail (assignments, hours) are written directly, so
loading the demo queues no mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NotRequired, TypedDict

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from house.models import User
from house.volunteers.models import (
    Assignment,
    HoursEntry,
    Interest,
    Opportunity,
    Qualification,
    QualificationType,
    Shift,
    ShiftSeries,
    VolunteerProfile,
)
from house.volunteers.models.people import CONSENT_TEXT_VERSION, ConsentPurpose
from house.volunteers.services import people, qualifications, shifts


class OpportunityData(TypedDict):
    slug: str
    title: str
    description: str
    place: str
    for_whom: str
    skills: NotRequired[str]
    languages: NotRequired[str]
    organiser: NotRequired[str]
    children: NotRequired[bool]
    qualifications: NotRequired[list[str]]


OPPORTUNITIES: list[OpportunityData] = [
    {
        "slug": "stadthaus-cafe",
        "title": "Café im Stadthaus",
        "description": (
            "Das Café im Erdgeschoss wird von Ehrenamtlichen getragen: Kaffee kochen, Kuchen "
            "verkaufen, Gäste begrüßen und ins Gespräch kommen. Schichten am Vormittag und am "
            "Nachmittag, werktags."
        ),
        "place": "Café, Erdgeschoss",
        "for_whom": "Besucherinnen und Besucher des Hauses",
        "skills": "Freude am Umgang mit Menschen",
        "languages": "Deutsch; weitere Sprachen willkommen",
        "qualifications": ["lebensmittelhygiene"],
    },
    {
        "slug": "lesepaten",
        "title": "Lesepatenschaft in der Familienbegegnung",
        "description": "Einmal in der Woche Kindern vorlesen und mit ihnen lesen üben.",
        "place": "Familienservicebüro, 1. Stock",
        "for_whom": "Kinder von 5 bis 10 Jahren",
        "languages": "Deutsch",
        "children": True,
        "qualifications": ["fuehrungszeugnis"],
    },
    {
        "slug": "sprachcafe",
        "title": "Sprachcafé",
        "description": "Gespräche auf Deutsch mit Menschen, die die Sprache gerade lernen.",
        "place": "Seminarraum 2",
        "for_whom": "Neu Zugewanderte",
        "languages": "Deutsch, Englisch, Arabisch, Ukrainisch",
        "organiser": "Seniorenbüro Laatzen",
    },
    {
        "slug": "veranstaltungen",
        "title": "Empfang bei Veranstaltungen",
        "description": "Gäste bei Vorträgen und Festen begrüßen, Wege zeigen, Stühle stellen.",
        "place": "Foyer und Saal",
        "for_whom": "Alle Gäste des Hauses",
    },
]


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    since_months: int  # months of history (0: new)
    until_months_ago: int = 0  # history ends this many months ago (a gap)
    days_offset: int = 0  # shifts the start by days (just past / just short of a year)
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    languages: str = "Deutsch"
    hygiene_days_left: int | None = 400
    phone_only: bool = False


PEOPLE = [
    Person("volunteer", "Karin Schulz", 38, languages="Deutsch, Englisch"),
    Person("heinz", "Heinz Brückner", 60, weekdays=(0, 2, 4), hygiene_days_left=12),
    Person("gisela", "Gisela Warnecke", 26, weekdays=(1, 3), hygiene_days_left=25),
    Person("mehmet", "Mehmet Aydın", 12, days_offset=-10, languages="Deutsch, Türkisch"),
    Person("olena", "Olena Kovalenko", 11, days_offset=-20, languages="Deutsch, Ukrainisch"),
    Person("jutta", "Jutta Meyer", 30, until_months_ago=8, hygiene_days_left=-40),
    Person("samira", "Samira Haddad", 7, languages="Deutsch, Arabisch, Französisch"),
    Person("lukas", "Lukas Engelke", 3, weekdays=(4,)),
    Person("renate", "Renate Vogt", 18, weekdays=(0, 1), phone_only=True),
    Person("peter", "Peter Lindemann", 5, weekdays=(2, 3)),
    Person("anja", "Anja Pohl", 1, hygiene_days_left=None),
    Person("friedrich", "Friedrich Kahle", 45, weekdays=(0, 3), hygiene_days_left=300),
]


def _email(person: Person) -> str:
    local = person.name.lower().replace(" ", ".").replace("ı", "i").replace("ü", "ue")
    return f"{local}@ehrenamt.example"


def _profile(person: Person, users: dict[str, User], coordinator: User | None) -> VolunteerProfile:
    details = {
        "languages": person.languages,
        "available_weekdays": list(person.weekdays),
        "interests": "Café, Veranstaltungen",
        "contact_channel": "phone" if person.phone_only else "email",
    }
    consents = [ConsentPurpose.REGISTRY, ConsentPurpose.CONTACT, ConsentPurpose.NAME_ON_LISTS]
    if person.phone_only:
        existing = VolunteerProfile.objects.filter(name=person.name, user__isnull=True).first()
        if existing:
            return existing
        return people.register_on_behalf(
            actor=coordinator,  # type: ignore[arg-type]
            name=person.name,
            phone="05102 93 12 45",
            details=details,
            consents=consents,
        )
    user = users.get(person.key)
    if user is None:
        user, _created = User.objects.get_or_create(
            email=_email(person), defaults={"name": person.name}
        )
        if _created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    existing = VolunteerProfile.objects.filter(user=user).first()
    if existing:
        return existing
    return people.register_volunteer(user=user, details=details, consents=consents)


def _history(person: Person, profile: VolunteerProfile, coordinator: User | None) -> None:
    if person.since_months == 0 or profile.hours.exists():
        return
    today = timezone.localdate()
    start = (
        today - relativedelta(months=person.since_months) + dt.timedelta(days=person.days_offset)
    )
    end = today - relativedelta(months=person.until_months_ago)
    entries = []
    day = start
    months = 0
    while day < end:
        entries.append(
            HoursEntry(
                profile=profile,
                day=day,
                minutes=7 * 60,
                description="Café im Stadthaus",
                approved_at=timezone.now(),
                approved_by=coordinator,
            )
        )
        months += 1
        day = start + relativedelta(months=months)
    HoursEntry.objects.bulk_create(entries)


def _qualifications(
    person: Person, profile: VolunteerProfile, kinds: dict[str, QualificationType], by: User | None
) -> None:
    if person.hygiene_days_left is None or profile.qualifications.exists():
        return
    until = timezone.localdate() + dt.timedelta(days=person.hygiene_days_left)
    Qualification.objects.create(
        profile=profile,
        kind=kinds["lebensmittelhygiene"],
        valid_from=until - relativedelta(years=2),
        valid_until=until,
    )
    if person.key in {"volunteer", "samira"} and by is not None:
        qualifications.record_conduct_certificate(
            profile=profile,
            kind=kinds["fuehrungszeugnis"],
            issued_on=timezone.localdate() - dt.timedelta(days=30),
            has_relevant_entry=False,
            inspected_by=by,
        )


def _opportunities(kinds: dict[str, QualificationType]) -> dict[str, Opportunity]:
    result = {}
    for data in OPPORTUNITIES:
        opportunity, created = Opportunity.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "description": data["description"],
                "place": data["place"],
                "for_whom": data["for_whom"],
                "skills": data.get("skills", ""),
                "languages": data.get("languages", ""),
                "organiser": data.get("organiser", ""),
                "involves_children": data.get("children", False),
            },
        )
        if created:
            opportunity.required_qualifications.set(
                [kinds[slug] for slug in data.get("qualifications", [])]
            )
        result[data["slug"]] = opportunity
    return result


def _cafe_series(cafe: Opportunity, kinds: dict[str, QualificationType]) -> None:
    today = timezone.localdate()
    first = today - dt.timedelta(days=today.weekday() + 14)
    for title, start, end in (
        ("Café Vormittag", dt.time(9, 0), dt.time(12, 30)),
        ("Café Nachmittag", dt.time(14, 0), dt.time(17, 30)),
    ):
        series, _created = ShiftSeries.objects.get_or_create(
            opportunity=cafe,
            title=title,
            defaults={
                "rrule": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                "first_day": first,
                "last_day": first + dt.timedelta(weeks=10),
                "start_time": start,
                "end_time": end,
                "min_staff": 2,
                "max_staff": 3,
                "reserved_places": 1,
                "reserved_for": kinds["lebensmittelhygiene"],
                "reserved_open_days": 3,
            },
        )
        shifts.generate_series_shifts(series=series)


def _staff_the_cafe(profiles: dict[str, VolunteerProfile], coordinator: User | None) -> None:
    if Assignment.objects.exists():
        return
    now = timezone.now()
    regulars = [profiles[k] for k in ("volunteer", "heinz", "gisela", "friedrich", "mehmet")]
    cafe_shifts = list(Shift.objects.filter(opportunity__slug="stadthaus-cafe").order_by("start"))
    for index, shift in enumerate(cafe_shifts):
        weekday = timezone.localtime(shift.start).weekday()
        team = [p for p in regulars if weekday in p.available_weekdays]
        past = shift.end < now
        # The future thins out: some shifts stay below their minimum, for the coordinator.
        size = 2 if past else (index % 4)
        for profile in team[: min(size, shift.max_staff)]:
            assignment = Assignment.objects.create(
                shift=shift,
                profile=profile,
                status=Assignment.Status.CONFIRMED,
                attendance=Assignment.Attendance.CAME if past else "",
                recorded_by=coordinator,
            )
            if past:
                HoursEntry.objects.create(
                    profile=profile,
                    day=timezone.localtime(shift.start).date(),
                    minutes=shift.minutes,
                    description=shift.title,
                    assignment=assignment,
                    approved_at=now,
                    approved_by=coordinator,
                )
    # A full shift in three days with a waiting list.
    soon = [s for s in cafe_shifts if s.start > now + dt.timedelta(days=2)][:1]
    for shift in soon:
        for key in ("samira", "peter", "lukas", "anja"):
            holding = shift.assignments.filter(status__in=Assignment.HOLDING).count()
            Assignment.objects.get_or_create(
                shift=shift,
                profile=profiles[key],
                defaults={
                    "status": Assignment.Status.CONFIRMED
                    if holding < shift.max_staff
                    else Assignment.Status.WAITING
                },
            )
    Interest.objects.get_or_create(
        opportunity=Opportunity.objects.get(slug="sprachcafe"),
        name="Tamara Wolff",
        defaults={
            "phone": "0511 876543",
            "message": "Ich spreche Russisch und hätte dienstags Zeit.",
            "consent_text_version": CONSENT_TEXT_VERSION,
        },
    )


#: The qualifications the demo's café and children's work ask for. A new house has them
#: from the data migration; a database emptied since (tests that flush it) gets them here.
DEMO_QUALIFICATIONS = (
    ("lebensmittelhygiene", "Belehrung Lebensmittelhygiene (§ 43 IfSG)", "general", 24),
    ("erste-hilfe", "Erste Hilfe", "general", 24),
    (
        "fuehrungszeugnis",
        "Erweitertes Führungszeugnis (§ 72a SGB VIII)",
        "conduct_certificate",
        None,
    ),
)


@transaction.atomic
def seed(*, users: dict[str, User]) -> dict[str, VolunteerProfile]:
    coordinator = users.get("volunteer_coordinator")
    for slug, name, kind, months in DEMO_QUALIFICATIONS:
        QualificationType.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "validity_months": months}
        )
    kinds = {k.slug: k for k in QualificationType.objects.all()}
    opportunities = _opportunities(kinds)
    _cafe_series(opportunities["stadthaus-cafe"], kinds)
    profiles = {}
    for person in PEOPLE:
        profile = _profile(person, users, coordinator)
        _history(person, profile, coordinator)
        _qualifications(person, profile, kinds, coordinator)
        profiles[person.key] = profile
    _staff_the_cafe(profiles, coordinator)
    return profiles
