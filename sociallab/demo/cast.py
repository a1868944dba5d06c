"""The people and ideas of the Social Lab demo: calls, founders, jurors and their applications."""

from __future__ import annotations

from django.utils import timezone

from house.models import User

OPEN_SLUG = "ideen-fuer-kassel-2027"
CLOSED_SLUG = "soziale-ideen-nordhessen-2026"

PROGRAMME = (
    "Sechs Monate Begleitung im Social Lab von Treppe 4: Workshops, eine Mentorin oder ein "
    "Mentor aus den Organisationen des Hauses, Räume im Tagungszentrum und Hilfe bei der "
    "Finanzierung.\n"
    "Die Phasen: Idee, Konkretisierung, Umsetzung, Finanzierung, Verstetigung. Zu jeder Phase "
    "vereinbaren wir Ziele; ein Zwischengespräch entscheidet über die nächste Phase."
)

FOUNDERS = (
    ("Jana Schäfer", "jana.schaefer@example.org"),
    ("Murat Aydın", "murat.aydin@example.org"),
    ("Sophie Klein", "sophie.klein@example.org"),
    ("Peter Neumann", "peter.neumann@example.org"),
    ("Elif Kaya", "elif.kaya@example.org"),
    ("Tobias Brandt", "tobias.brandt@example.org"),
    ("Nadine Vogel", "nadine.vogel@example.org"),
    ("Samuel Osei", "samuel.osei@example.org"),
    ("Greta Lorenz", "greta.lorenz@example.org"),
    ("Ali Rahimi", "ali.rahimi@example.org"),
)
JURORS = (
    ("Dr. Ute Berger", "ute.berger@example.org"),
    ("Hans-Peter Roth", "hp.roth@example.org"),
)


def _person(name: str, email: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, name=name, privacy_consent_at=timezone.now()
        )
    return user


def _answers(problem: str, solution: str, team: str) -> dict[str, str]:
    return {
        "based_in_region": "yes",
        "social_purpose": "yes",
        "stage": "Erste Schritte",
        "problem": problem,
        "solution": solution,
        "team": team,
        "support": "Beratung zu Rechtsform und Finanzierung, Räume für Treffen.",
    }


IDEAS = {
    "mittagstisch": (
        "Mittagstisch Nordstadt",
        "Ältere Menschen in der Nordstadt essen oft allein und verlieren Kontakte.",
        "Ein wöchentlicher Mittagstisch, den Nachbarinnen und Nachbarn reihum kochen.",
        "Eine Sozialarbeiterin, ein Koch im Ruhestand und drei Ehrenamtliche.",
    ),
    "repair": (
        "Repair-Café Wesertor",
        "Kaputte Geräte landen im Müll, Menschen mit wenig Geld können Reparaturen nicht zahlen.",
        "Ein monatliches Repair-Café mit Ehrenamtlichen und Werkzeugspenden.",
        "Zwei Elektriker und eine Quartiersmanagerin.",
    ),
    "lernpaten": (
        "Lernpatenschaften für Geflüchtete",
        "Geflüchtete Jugendliche brauchen Unterstützung beim Schulabschluss.",
        "Studierende begleiten Jugendliche einmal pro Woche beim Lernen.",
        "Ein Lehrer, zwei Studentinnen.",
    ),
    "fahrrad": (
        "Lastenrad für alle",
        "Familien ohne Auto können große Einkäufe schwer transportieren.",
        "Ein kostenloser Lastenradverleih an drei Standorten im Quartier.",
        "Ein Fahrradmechaniker und ein Verein.",
    ),
    "kultur": (
        "Kulturbrücke",
        "Kulturangebote erreichen Menschen mit wenig Geld kaum.",
        "Freie Plätze bei Veranstaltungen werden an Menschen mit Kulturpass vermittelt.",
        "Eine Kulturmanagerin.",
    ),
    "garten": (
        "Gemeinschaftsgarten Rothenditmold",
        "Es fehlen Begegnungsorte im Grünen.",
        "Ein Garten auf einer Brachfläche, gepflegt von Nachbarschaft und Schulen.",
        "Zwei Gärtnerinnen.",
    ),
    "schuldner": (
        "Budget-Café",
        "Junge Erwachsene geraten früh in Schulden.",
        "Ein offenes Café mit Beratung zu Geld und Verträgen.",
        "Eine Schuldnerberaterin.",
    ),
    "digital": (
        "Digitalpaten 60+",
        "Ältere Menschen sind von digitalen Diensten abgeschnitten.",
        "Jugendliche erklären Älteren Smartphone und Online-Termine.",
        "Eine Schülerin, ein Rentner.",
    ),
    "sport": (
        "Sport im Park",
        "Bewegungsangebote kosten Geld.",
        "Kostenlose Kurse im Park.",
        "Zwei Trainer.",
    ),
    "musik": ("Chor der Kulturen", "Wenig Begegnung.", "Ein offener Chor.", "Eine Chorleiterin."),
    "food": (
        "Foodsharing-Regal",
        "Lebensmittel werden weggeworfen.",
        "Regale im Quartier.",
        "Ein Verein.",
    ),
    "leih": (
        "Leihladen",
        "Vieles wird selten gebraucht.",
        "Ein Laden zum Leihen.",
        "Drei Nachbarn.",
    ),
}
