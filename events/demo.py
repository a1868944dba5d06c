"""Demo programme of Treppe 4 around today (seeds 002 and 003).

The weekly café, monthly counselling hours, a health talk for seniors, a
family cooking course that is full with a waiting list, and a one-day
conference modelled on the Magdeburg Tagung (seed 003) with its programme.
Events in the house book their room through the booking service; where the
room is taken or missing, the event moves to an outside address. Idempotent:
events are keyed by their slug (the day they are seeded for).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events import services
from events.models import Category, Event, EventSeries, ProgrammeItem, Registration
from tenants.models import Language, Organisation, TargetGroup

if TYPE_CHECKING:
    from house.models import User

logger = logging.getLogger(__name__)

HOUSE_ADDRESS = "Treppenstraße 4, 34117 Kassel"
OUTSIDE = {
    "venue_name": "Bürgerhaus Kassel-Nord",
    "address": "Holländische Straße 74, 34127 Kassel",
}
FIRST_NAMES = [
    "Anna", "Bernd", "Cem", "Dilara", "Elke", "Frank", "Gül", "Hannah", "Ivan", "Jana",
    "Klaus", "Leyla", "Marta", "Nils", "Olga", "Paul", "Rana", "Sven", "Tamara", "Uwe",
]  # fmt: skip
LAST_NAMES = [
    "Albrecht", "Bauer", "Çelik", "Dietrich", "Engel", "Fuchs", "Graf", "Hahn", "Iwanow",
    "Jäger", "Koch", "Lange", "Meier", "Nowak", "Otto", "Peters", "Richter", "Sommer",
]  # fmt: skip


def _at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _next_weekday(weekday: int, hour: int, minute: int = 0) -> dt.datetime:
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 or 7
    return _at(days, hour, minute)


def _person(index: int) -> tuple[str, str]:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
    email = f"{first}.{last}.{index}@example.org".lower()
    return f"{first} {last}", email.replace("ç", "c").replace("ä", "ae")


def _save_with_room(actor: User, event: Event, rooms: list[str], **m2m: Any) -> Event:
    """Book the first free room of ``rooms``; else hold the event outside the house."""
    from rooms.models import Room

    for slug in rooms:
        room = Room.objects.filter(slug=slug, is_bookable=True).first()
        if room is None or room.max_capacity < (event.capacity or 1):
            continue
        event.room = room
        try:
            with transaction.atomic():
                return services.save_event(actor=actor, event=event, **m2m)
        except services.EventError as exc:
            logger.info("Demo event %s not in %s: %s", event.slug, slug, exc.message)
            event.pk = None
            event.booking = None
    event.room = None
    event.venue_name, event.address = OUTSIDE["venue_name"], OUTSIDE["address"]
    return services.save_event(actor=actor, event=event, **m2m)


def _fill(event: Event, people: list[tuple[int, int, str]], questions: dict[str, str]) -> None:
    """Registrations without e-mails (demo addresses would only fill the outbox)."""
    taken = 0
    rows = []
    for index, seats, status in people:
        name, email = _person(index)
        rows.append(
            Registration(
                event=event,
                name=name,
                email=email,
                seats=seats,
                status=status,
                answers=questions,
                consent_at=timezone.now(),
                confirmed_at=timezone.now() if status == Registration.Status.CONFIRMED else None,
                created_at=timezone.now() - dt.timedelta(hours=len(people) - index),
            )
        )
        if status == Registration.Status.CONFIRMED:
            taken += seats
    Registration.objects.bulk_create(rows)
    Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + taken)


def _vocab() -> tuple[dict[str, TargetGroup], dict[str, Language], dict[str, Organisation]]:
    return (
        {t.slug: t for t in TargetGroup.objects.all()},
        {t.slug: t for t in Language.objects.all()},
        {o.slug: o for o in Organisation.objects.all()},
    )


def _base(slug: str, **values: Any) -> Event:
    defaults: dict[str, Any] = {
        "publication": Event.Publication.PUBLISHED,
        "contact_name": "Empfang Treppe 4",
        "contact_email": "empfang@treppe4.example",
        "accessibility": "Stufenloser Zugang über den Hof, barrierefreies WC im Erdgeschoss.",
    }
    defaults.update(values)
    return Event(slug=slug, **defaults)


def seed(*, users: dict[str, User]) -> dict[str, Event]:  # noqa: PLR0915 - one readable script
    actor = users["management"]
    groups, languages, orgs = _vocab()
    today = timezone.localdate()
    stamp = today.strftime("%Y%m%d")
    result: dict[str, Event] = {}

    def org(slug: str) -> Organisation | None:
        return orgs.get(slug)

    # The weekly café of the volunteers (seed 002): a series without registration.
    if not EventSeries.objects.filter(title="Erzählcafé im Foyer").exists():
        # Started a month ago: the programme has a past as well (reports, the month view).
        first = _next_weekday(2, 15) - dt.timedelta(weeks=4)
        template = _base(
            "",
            title="Erzählcafé im Foyer",
            summary="Kaffee, Kuchen und Gespräche – jeden Mittwoch, von Ehrenamtlichen gebacken.",
            description=(
                "Das Café im Foyer ist offen für alle Menschen aus dem Stadtteil. "
                "Ehrenamtliche backen, Nachbarinnen und Nachbarn erzählen. Der Eintritt ist frei, "
                "Spenden für die Kaffeekasse sind willkommen."
            ),
            category=Category.CAFE,
            organisation=org("freiwillig-in-kassel"),
            venue_name="Café im Foyer, Treppe 4",
            address=HOUSE_ADDRESS,
            start=first,
            end=first + dt.timedelta(hours=2),
        )
        services.create_series(
            actor=actor,
            template=template,
            rrule="FREQ=WEEKLY;COUNT=20",
            exceptions=[(first + dt.timedelta(weeks=7)).date()],
            target_groups=[groups[s] for s in ("alle", "senioren") if s in groups],
            languages=[languages["de"]] if "de" in languages else [],
        )

    # Monthly counselling hours: every first Tuesday.
    if not EventSeries.objects.filter(title="Offene Sprechstunde Schuldnerberatung").exists():
        first = _next_weekday(1, 10)
        while first.day > 7:
            first += dt.timedelta(weeks=1)
        template = _base(
            "",
            title="Offene Sprechstunde Schuldnerberatung",
            summary="Ohne Termin: erste Orientierung bei Schulden, Mahnungen und Pfändungen.",
            description=(
                "Bringen Sie Ihre Unterlagen mit. Die Beratung ist kostenlos und vertraulich; "
                "auf Wunsch auf Türkisch oder Arabisch."
            ),
            category=Category.COUNSELLING,
            organisation=org("beratungszentrum"),
            venue_name="Beratungszentrum, 2. OG",
            address=HOUSE_ADDRESS,
            start=first,
            end=first + dt.timedelta(hours=2),
        )
        services.create_series(
            actor=actor,
            template=template,
            rrule="FREQ=MONTHLY;BYDAY=1TU;COUNT=6",
            target_groups=[groups[s] for s in ("finanzielle-notlage",) if s in groups],
            languages=[languages[s] for s in ("de", "tr", "ar") if s in languages],
        )

    seniors = [groups[s] for s in ("senioren",) if s in groups]
    slug = f"gesund-aelter-werden-{stamp}"
    if not Event.objects.filter(slug=slug).exists():
        start = _at(5, 17)
        talk = _base(
            slug,
            title="Gesund älter werden: Bewegung im Alltag",
            summary="Vortrag mit Übungen zum Mitmachen – für Seniorinnen, Senioren und Angehörige.",
            description=(
                "Eine Physiotherapeutin zeigt einfache Übungen für zu Hause und erklärt, "
                "wie Bewegung vor Stürzen schützt. Mit Zeit für Fragen."
            ),
            category=Category.HEALTH,
            organisation=org("paritaetische-nordhessen"),
            start=start,
            end=start + dt.timedelta(hours=1, minutes=30),
            registration_mode=Event.RegistrationMode.REQUIRED,
            capacity=30,
            max_seats_per_registration=2,
        )
        result["talk"] = _save_with_room(
            actor,
            talk,
            ["raum-fulda", "raum-werra", "saal-kassel"],
            target_groups=seniors,
            languages=[languages["de"]],
        )
        _fill(result["talk"], [(i, 1 + i % 2, "confirmed") for i in range(9)], {})

    slug = f"kochkurs-fuer-familien-{stamp}"
    if not Event.objects.filter(slug=slug).exists():
        start = _at(9, 16)
        course = _base(
            slug,
            title="Gemeinsam kochen: Kochkurs für Familien",
            summary="Eltern und Kinder kochen ein günstiges, gesundes Abendessen – und essen es gemeinsam.",
            category=Category.EDUCATION,
            organisation=org("jugendhilfe-kassel"),
            start=start,
            end=start + dt.timedelta(hours=2, minutes=30),
            registration_mode=Event.RegistrationMode.REQUIRED,
            capacity=12,
            max_seats_per_registration=5,
            questions="Allergien oder Unverträglichkeiten",
            price_note="Zutaten werden gestellt",
        )
        result["course"] = _save_with_room(
            actor,
            course,
            ["raum-eder", "raum-werra"],
            target_groups=[groups[s] for s in ("familien", "kinder-jugendliche") if s in groups],
            languages=[languages[s] for s in ("de", "uk") if s in languages],
        )
        people = [
            (30, 4, "confirmed"),
            (31, 3, "confirmed"),
            (32, 2, "confirmed"),
            (33, 3, "confirmed"),
            (34, 4, "waiting"),
            (35, 2, "waiting"),
        ]
        _fill(result["course"], people, {"Allergien oder Unverträglichkeiten": ""})

    slug = f"tagung-zukunft-im-quartier-{stamp}"
    if not Event.objects.filter(slug=slug).exists():
        start = _at(21, 9, 30)
        conference = _base(
            slug,
            title="Gemeinsam Zukunft schaffen im Quartier",
            summary=(
                "Fachtagung: Stadtteilarbeit – Lokale Ökonomie – Selbsthilfegenossenschaften. "
                "Praxis, Austausch und neue Impulse für rund 60 Stadtteilakteure."
            ),
            description=(
                "Auf der Tagung werden praktische Erfahrungen aus der Begleitung von "
                "Stadtteilinitiativen vorgestellt. Initiativen, die in ihrem Quartier eine "
                "Selbsthilfegenossenschaft gründen möchten, tauschen sich mit Expertinnen und "
                "Experten und anderen Gründungsinitiativen aus. Themenschwerpunkte: Bildung, "
                "Wirtschaft und Arbeit im Quartier."
            ),
            category=Category.CONFERENCE,
            organisation=org("stadtteilinitiative-nord-holland") or org("paritaetische-nordhessen"),
            start=start,
            end=start + dt.timedelta(hours=6),
            registration_mode=Event.RegistrationMode.REQUIRED,
            capacity=60,
            max_seats_per_registration=3,
            questions="Organisation\nErnährungswünsche (vegetarisch, vegan …)",
            registration_closes=start - dt.timedelta(days=3),
            contact_name="Tagungsbüro",
        )
        result["conference"] = _save_with_room(
            actor,
            conference,
            ["saal-kassel", "fulda-werra"],
            target_groups=[groups[s] for s in ("alle",) if s in groups],
            languages=[languages["de"]],
        )
        day = start
        for begin, end, title, speakers, room in (
            ((9, 30), (10, 0), "Ankommen, Kaffee und Begrüßung", "Hausleitung Treppe 4", "Foyer"),
            (
                (10, 0),
                (10, 45),
                "Herausforderungen an eine zukunftsfähige Stadtteilarbeit",
                "Beigeordneter für Soziales, Jugend und Gesundheit",
                "Saal Kassel",
            ),
            (
                (10, 45),
                (11, 30),
                "Selbsthilfegenossenschaften: Erfahrungen aus der Begleitung",
                "Soziale Stadt und Land Entwicklungsgesellschaft",
                "Saal Kassel",
            ),
            ((11, 30), (12, 30), "Workshops: Bildung · Wirtschaft · Arbeit im Quartier", "", "Räume Fulda, Werra, Eder"),
            ((12, 30), (13, 15), "Mittagspause", "", "Foyer"),
            ((13, 15), (14, 45), "Praxisaustausch der Gründungsinitiativen", "Moderation: Netzwerk der Stadtteilakteure", "Saal Kassel"),
            ((14, 45), (15, 30), "Ergebnisse und Ausblick", "", "Saal Kassel"),
        ):  # fmt: skip
            ProgrammeItem.objects.create(
                event=result["conference"],
                start=day.replace(hour=begin[0], minute=begin[1]),
                end=day.replace(hour=end[0], minute=end[1]),
                title=title,
                speakers=speakers,
                room_label=room,
            )
        _fill(
            result["conference"],
            [(50 + i, 1 + (i % 3 == 0), "confirmed") for i in range(30)],
            {"Organisation": "Stadtteilverein", "Ernährungswünsche (vegetarisch, vegan …)": ""},
        )

    slug = f"sturzpraevention-{stamp}"
    if not Event.objects.filter(slug=slug).exists():
        start = _at(-12, 10)
        past = services.save_event(
            actor=actor,
            event=_base(
                slug,
                title="Sicher zu Hause: Sturzprävention im Alter",
                summary="Vortrag und Wohnungs-Check-Liste – mit der Seniorenberatung.",
                category=Category.HEALTH,
                organisation=org("paritaetische-nordhessen"),
                start=start,
                end=start + dt.timedelta(hours=1, minutes=30),
                registration_mode=Event.RegistrationMode.REQUIRED,
                capacity=25,
                max_seats_per_registration=2,
                **OUTSIDE,
            ),
            target_groups=seniors,
            languages=[languages["de"]],
        )
        _fill(past, [(70 + i, 1 + i % 2, "confirmed") for i in range(12)], {})
        Registration.objects.filter(event=past).update(attended=True)
        result["past"] = past

    slug = f"netzwerktreffen-stadtteilakteure-{stamp}"
    if not Event.objects.filter(slug=slug).exists():
        start = _at(14, 18)
        services.save_event(
            actor=actor,
            event=_base(
                slug,
                title="Netzwerktreffen der Stadtteilakteure",
                summary="Welche Themen wollen wir gemeinsam angehen? Prioritäten für das nächste Halbjahr.",
                category=Category.NETWORK,
                organisation=org("paritaetische-nordhessen"),
                start=start,
                end=start + dt.timedelta(hours=2),
                **OUTSIDE,
            ),
            target_groups=[],
            languages=[languages["de"]],
        )

    slug = f"sprachcafe-deutsch-{stamp}"
    if not Event.objects.filter(slug=slug).exists():
        start = _at(2, 17)
        services.save_event(
            actor=actor,
            event=_base(
                slug,
                title="Sprachcafé: Deutsch im Alltag",
                summary="Deutsch sprechen üben, ohne Druck – mit Sprachpatinnen und -paten.",
                category=Category.CULTURE,
                organisation=org("freiwillig-in-kassel"),
                start=start,
                end=start + dt.timedelta(hours=1, minutes=30),
                venue_name="Café im Foyer, Treppe 4",
                address=HOUSE_ADDRESS,
            ),
            target_groups=[groups[s] for s in ("gefluechtete-migranten",) if s in groups],
            languages=[languages[s] for s in ("de", "ar", "uk", "fa") if s in languages],
        )
    return result
