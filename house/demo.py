"""Demo data of the house itself, modelled on Treppe 4 in Kassel (seed 000).

Run through ``python manage.py seed_demo``; every function here is idempotent.
Other apps add their part in their own ``demo.py`` (see the command).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from house import services
from house.models import ClosureDay, HouseProfile, LegalPage, Role, User

DEMO_PASSWORD = "Treppe4-Demo!"  # noqa: S105 - printed for the demo personas on purpose


@dataclass(frozen=True)
class Persona:
    key: str
    email: str
    name: str
    label: str
    roles: tuple[Role, ...] = ()


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "management",
        "verwaltung@treppe4.example",
        "Miriam Adler",
        "Hausverwaltung",
        (Role.HOUSE_MANAGEMENT,),
    ),
    Persona("reception", "empfang@treppe4.example", "Jonas Becker", "Empfang", (Role.RECEPTION,)),
    Persona(
        "tenant_admin",
        "admin@paritaet-nordhessen.example",
        "Sabine Krüger",
        "Mieter-Admin (PARITÄTISCHE)",
    ),
    Persona(
        "tenant_member",
        "team@paritaet-nordhessen.example",
        "Deniz Yilmaz",
        "Mieter-Mitglied (PARITÄTISCHE)",
    ),
    Persona("founder", "gruenderin@example.org", "Lea Hoffmann", "Gründerin (Social Lab)"),
    Persona(
        "mentor", "mentor@treppe4.example", "Thomas Wagner", "Mentor (Social Lab)", (Role.MENTOR,)
    ),
    Persona("volunteer", "ehrenamt@example.org", "Karin Schulz", "Ehrenamtliche"),
    Persona(
        "volunteer_coordinator",
        "freiwillige@treppe4.example",
        "Ayşe Demir",
        "Ehrenamtskoordination",
        (Role.VOLUNTEER_COORDINATION,),
    ),
    Persona(
        "curatorium",
        "kuratorium@example.org",
        "Dr. Helmut Fischer",
        "Kuratorium",
        (Role.CURATORIUM_MEMBER,),
    ),
    Persona(
        "network_coordinator",
        "netzwerk@treppe4.example",
        "Petra Lange",
        "Netzwerkkoordination",
        (Role.NETWORK_COORDINATION,),
    ),
    Persona(
        "sociallab_staff",
        "sociallab@treppe4.example",
        "Malte Richter",
        "Social-Lab-Team",
        (Role.SOCIAL_LAB_STAFF,),
    ),
)

IMPRINT = """Treppe 4 – Haus der Sozialwirtschaft
Treppenstraße 4
34117 Kassel

Betreiber des Hausportals: die Trägergemeinschaft des Hauses (Demo-Angaben).
Vertreten durch die Hausverwaltung.

Kontakt: Telefon 0561 000000, E-Mail info@treppe4.example

Diese Angaben sind Beispieltexte der Demo-Installation und werden von der Hausverwaltung gepflegt."""

PRIVACY = """Wir verarbeiten personenbezogene Daten nur, soweit es für die Nutzung des Hauses nötig ist: für Konten, Raumbuchungen, Veranstaltungsanmeldungen, das Ehrenamt und das Social Lab.

Rechtsgrundlagen sind Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO), die Erfüllung eines Vertrags, etwa einer Raumbuchung (lit. b), und gesetzliche Aufbewahrungspflichten (lit. c).

Sie können Ihre Daten jederzeit in „Mein Bereich“ herunterladen und Ihr Konto dort löschen. Anmeldungen zu Veranstaltungen werden nach der Veranstaltung gelöscht oder anonymisiert.

Das Portal lädt keine Inhalte von fremden Servern und setzt nur die technisch notwendigen Cookies (Sitzung, Sicherheit, Sprache).

Verantwortlich: die Hausverwaltung, Kontakt siehe Impressum. Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung, Datenübertragbarkeit und Beschwerde bei der Aufsichtsbehörde."""

ACCESSIBILITY = """Wir möchten, dass alle Menschen das Hausportal nutzen können. Es soll die Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) erfüllen; wir prüfen jede Seite automatisch und von Hand.

Wenn Ihnen eine Barriere auffällt, schreiben Sie uns bitte an info@treppe4.example oder rufen Sie den Empfang an."""


def seed_house() -> HouseProfile:
    profile, _created = HouseProfile.objects.update_or_create(
        pk=1,
        defaults={
            "name": "Treppe 4 – Haus der Sozialwirtschaft",
            "street": "Treppenstraße 4",
            "postcode": "34117",
            "city": "Kassel",
            "federal_state": HouseProfile.FederalState.HE,
            "latitude": Decimal("51.315480"),
            "longitude": Decimal("9.495230"),
            "phone": "0561 000000",
            "email": "info@treppe4.example",
            "opening_hours": "Montag bis Donnerstag 8:00–18:00 Uhr\nFreitag 8:00–15:00 Uhr",
            "opening_hours_en": "Monday to Thursday 8 am – 6 pm\nFriday 8 am – 3 pm",
            "short_description_en": (
                "Rethinking the social economy for our time: welfare associations, clubs, "
                "initiatives and the city administration work under one roof in the centre of "
                "Kassel – with a conference centre, counselling services and the Social Lab for "
                "new social ideas."
            ),
            "short_description": (
                "Sozialwirtschaft neu und zeitgemäß denken: Wohlfahrtsverbände, Vereine, "
                "Initiativen und Verwaltung arbeiten unter einem Dach in der Kasseler Innenstadt – "
                "mit Tagungszentrum, Beratungsstellen und dem Social Lab für neue soziale Ideen."
            ),
        },
    )
    for slug, title, body, title_en in (
        (LegalPage.Slug.IMPRINT, "Impressum", IMPRINT, "Legal notice"),
        (LegalPage.Slug.PRIVACY, "Datenschutzerklärung", PRIVACY, "Privacy notice"),
        (
            LegalPage.Slug.ACCESSIBILITY,
            "Erklärung zur Barrierefreiheit",
            ACCESSIBILITY,
            "Accessibility statement",
        ),
    ):
        LegalPage.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body, "title_en": title_en}
        )
    return profile


def seed_closure_days() -> None:
    year = timezone.localdate().year
    services.import_public_holidays(years=[year - 1, year, year + 1, year + 2], federal_state="HE")
    maintenance = timezone.localdate() + dt.timedelta(days=45)
    while maintenance.weekday() != 4:  # a Friday
        maintenance += dt.timedelta(days=1)
    if not ClosureDay.objects.filter(date=maintenance).exists():
        ClosureDay.objects.create(
            date=maintenance,
            kind=ClosureDay.Kind.MAINTENANCE,
            reason="Wartung der Haustechnik",
            reason_en="Maintenance of the building services",
        )


def seed_personas() -> dict[str, User]:
    users: dict[str, User] = {}
    for persona in PERSONAS:
        user = User.objects.filter(email__iexact=persona.email).first()
        if user is None:
            user = User.objects.create_user(
                email=persona.email,
                password=DEMO_PASSWORD,
                name=persona.name,
                privacy_consent_at=timezone.now(),
            )
        EmailAddress.objects.update_or_create(
            user=user, email=persona.email, defaults={"verified": True, "primary": True}
        )
        for role in persona.roles:
            services.assign_role(user=user, role=role)
        users[persona.key] = user
    return users


@transaction.atomic
def seed() -> dict[str, User]:
    services.sync_role_groups()
    seed_house()
    seed_closure_days()
    return seed_personas()
