"""The data of the demo network (seed 001): the actors of Kassel's city-centre districts and
the topics they share. Names of outside actors are made up for the demo, after the kinds of
actors the seed names."""

from __future__ import annotations

from tenants.models import Organisation
from tenants.network.models import Topic

L = Organisation.LegalForm

#: Tenants of the house (tenants.demo) with their district and network topics.
HOUSE_ACTORS = {
    "paritaetische-nordhessen": ("mitte", ["engagement", "einsamkeit", "quartierstreffs"]),
    "akgg": ("mitte", ["quartierstreffs"]),
    "jugendhilfe-kassel": ("mitte", ["jugend", "ferien"]),
    "beratungszentrum": ("mitte", ["ankommen", "armut"]),
    "kiss-kassel": ("mitte", ["einsamkeit", "gesundheit"]),
    "freiwillig-in-kassel": ("mitte", ["engagement", "ankommen"]),
    "stadt-kassel-sozialamt": ("mitte", ["armut", "quartierstreffs"]),
    "stadtteilinitiative-nord-holland": ("nord-holland", ["quartierstreffs", "sauberkeit"]),
}

#: Actors outside the house, one a line: name; legal form; district; network topics;
#: target groups. Those in ``POINTS`` show their address on the map, the others their district.
OUTSIDE_ACTORS_TABLE = """
Freiwilligenzentrum Region Kassel; ev; mitte; engagement; alle
Hand in Hand e.V. – Nachbarschaftshilfe; ev; wesertor; einsamkeit engagement; senioren
Stadtteilzentrum Wesertor; ev; wesertor; quartierstreffs jugend; alle
Ev. Kirchengemeinde Nord-Holland; other; nord-holland; einsamkeit armut; senioren familien
Kath. Pfarrei St. Familia; other; vorderer-westen; einsamkeit; senioren
Grundschule Am Wall (Förderverein); ev; nord-holland; jugend ferien; kinder-jugendliche familien
Kulturzentrum Schlachthof; ev; nord-holland; jugend ankommen; gefluechtete-migranten
Quartiersmanagement Nord-Holland; public_body; nord-holland; quartierstreffs sauberkeit; alle
Mieterbeirat Rothenditmold; initiative; rothenditmold; sauberkeit armut; alle
Stadtteiltreff Rothenditmold; ev; rothenditmold; quartierstreffs einsamkeit; senioren familien
Sportverein Rot-Weiß Rothenditmold; ev; rothenditmold; jugend gesundheit; kinder-jugendliche
Familienzentrum Südstadt; ev; suedstadt; ferien armut; familien
Seniorentreff Südstadt; initiative; suedstadt; einsamkeit gesundheit; senioren
Tafel Kassel – Ausgabestelle Süd; ev; suedstadt; armut; finanzielle-notlage
Stadtteilladen Vorderer Westen; initiative; vorderer-westen; quartierstreffs; alle
Offene Werkstatt Westend; ev; vorderer-westen; engagement sauberkeit; alle
Bürgerverein Wehlheiden; ev; wehlheiden; quartierstreffs sauberkeit; alle
Jugendtreff Wehlheiden; public_body; wehlheiden; jugend ferien; kinder-jugendliche
Nachbarschaftscafé Wehlheiden; initiative; wehlheiden; einsamkeit; senioren
Gemeinschaftsgarten Unterneustadt; initiative; unterneustadt; sauberkeit engagement; alle
Integrationslotsen Unterneustadt; initiative; unterneustadt; ankommen; gefluechtete-migranten
Kita Unterneustadt (Elternbeirat); initiative; unterneustadt; ferien; familien kinder-jugendliche
Stadtteilzentrum Bettenhausen; ev; bettenhausen; quartierstreffs ankommen; alle
Moschee-Gemeinde Bettenhausen; ev; bettenhausen; ankommen jugend; gefluechtete-migranten familien
Sportverein Bettenhausen 1912; ev; bettenhausen; jugend gesundheit; kinder-jugendliche
Stadtbibliothek – Zweigstelle Mitte; public_body; mitte; ankommen jugend; alle
Caritas-Sozialstation Mitte; other; mitte; gesundheit einsamkeit; senioren behinderung
Sprachcafé International; initiative; mitte; ankommen; gefluechtete-migranten
Repair-Café Nord; initiative; nord-holland; sauberkeit engagement; alle
Lesepaten Kassel; initiative; wesertor; jugend engagement; kinder-jugendliche
Hospizverein Kassel; ev; vorderer-westen; einsamkeit gesundheit; senioren
Wohnungslosenhilfe Panama; ev; wesertor; armut gesundheit; finanzielle-notlage
"""

POINTS = {
    "Freiwilligenzentrum Region Kassel": (51.3163, 9.4968),
    "Hand in Hand e.V. – Nachbarschaftshilfe": (51.3228, 9.5086),
    "Stadtteilzentrum Wesertor": (51.3262, 9.5062),
    "Ev. Kirchengemeinde Nord-Holland": (51.3321, 9.4925),
    "Kath. Pfarrei St. Familia": (51.3128, 9.4701),
    "Kulturzentrum Schlachthof": (51.3293, 9.4917),
    "Quartiersmanagement Nord-Holland": (51.3307, 9.4962),
    "Stadtteiltreff Rothenditmold": (51.3262, 9.4706),
    "Familienzentrum Südstadt": (51.3018, 9.4906),
    "Tafel Kassel – Ausgabestelle Süd": (51.2989, 9.4873),
    "Stadtteilladen Vorderer Westen": (51.3151, 9.4682),
    "Bürgerverein Wehlheiden": (51.3003, 9.4673),
    "Gemeinschaftsgarten Unterneustadt": (51.3131, 9.5151),
    "Stadtteilzentrum Bettenhausen": (51.3201, 9.5306),
    "Stadtbibliothek – Zweigstelle Mitte": (51.3148, 9.4946),
    "Caritas-Sozialstation Mitte": (51.3139, 9.4999),
    "Hospizverein Kassel": (51.3113, 9.4741),
    "Wohnungslosenhilfe Panama": (51.3219, 9.5021),
}


def _outside_actors() -> list[
    tuple[str, str, str, list[str], list[str], tuple[float, float] | None]
]:
    rows = []
    for line in OUTSIDE_ACTORS_TABLE.strip().splitlines():
        name, legal_form, district, topics, groups = (part.strip() for part in line.split(";"))
        rows.append((name, legal_form, district, topics.split(), groups.split(), POINTS.get(name)))
    return rows


OUTSIDE_ACTORS = _outside_actors()

#: Network topics: (slug, name, status, directory topics).
TOPICS = [
    ("einsamkeit", "Einsamkeit im Alter", Topic.Status.IN_WORK, ["senioren"]),
    ("ferien", "Ferienangebote für Kinder", Topic.Status.PRIORITISED, ["familie", "jugendhilfe"]),
    ("ankommen", "Ankommen im Stadtteil", Topic.Status.PRIORITISED, ["migrationsberatung"]),
    ("armut", "Armut im Quartier", Topic.Status.IN_WORK, ["schuldnerberatung"]),
    ("engagement", "Ehrenamt gewinnen und halten", Topic.Status.PROPOSED, ["ehrenamt"]),
    ("quartierstreffs", "Offene Treffpunkte im Quartier", Topic.Status.DONE, []),
    ("jugend", "Räume für Jugendliche", Topic.Status.PROPOSED, ["jugendhilfe"]),
    ("sauberkeit", "Saubere und sichere Plätze", Topic.Status.PROPOSED, []),
    ("gesundheit", "Gesund älter werden", Topic.Status.PROPOSED, ["gesundheit", "senioren"]),
]

DESCRIPTIONS = {
    "einsamkeit": "Viele ältere Menschen in den Stadtteilen leben allein. Wie erreichen wir sie, "
    "und wie verbinden wir Besuchsdienste, Treffs und Kirchengemeinden?",
    "ferien": "In den Sommerferien fehlen bezahlbare Angebote für Kinder, deren Familien nicht "
    "verreisen. Gemeinsamer Ferienkalender der Akteure?",
    "ankommen": "Neu Zugezogene und Geflüchtete finden schwer Zugang zu den Angeboten im "
    "Stadtteil. Lotsen, Sprachcafés und mehrsprachige Informationen bündeln.",
}
