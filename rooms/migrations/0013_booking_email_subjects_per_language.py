"""Give the booking e-mails already in the outbox their subject in both languages.

The reception's list of a booking's e-mails shows each subject in the reader's
language; rows written before the outbox kept both are matched by their words here.
"""

import re

from django.db import migrations

# (German, English) subject forms; {title} and {n} are filled in.
FORMS = [
    ("Buchung storniert: {title}", "Booking cancelled: {title}"),
    ("Buchung geändert: {title}", "Booking changed: {title}"),
    ("Buchung bestätigt: {title}", "Booking confirmed: {title}"),
    ("Buchungsanfrage abgelehnt: {title}", "Booking request declined: {title}"),
    ("Erinnerung: {title} morgen", "Reminder: {title} tomorrow"),
    ("Buchungsanfrage erhalten: {title}", "Booking request received: {title}"),
    ("Buchungsanfrage zurückgezogen: {title}", "Booking request withdrawn: {title}"),
    ("Serie: {n} Termin storniert: {title}", "Series: {n} date cancelled: {title}"),
    ("Serie: {n} Termine storniert: {title}", "Series: {n} dates cancelled: {title}"),
    ("Serie: {n} Termin geändert: {title}", "Series: {n} date changed: {title}"),
    ("Serie: {n} Termine geändert: {title}", "Series: {n} dates changed: {title}"),
    ("Serie gebucht: {title}, {n} Termin", "Series booked: {title}, {n} date"),
    ("Serie gebucht: {title}, {n} Termine", "Series booked: {title}, {n} dates"),
]


def _pattern(form: str) -> re.Pattern:
    text = re.escape(form).replace(r"\{title\}", "(?P<title>.+)").replace(r"\{n\}", r"(?P<n>\d+)")
    return re.compile(f"^{text}$")


PATTERNS = [(_pattern(de), _pattern(en), de, en) for de, en in FORMS]


def _subjects(subject: str) -> dict[str, str] | None:
    for german_pattern, english_pattern, german, english in PATTERNS:
        match = german_pattern.match(subject) or english_pattern.match(subject)
        if match is not None:
            values = match.groupdict()
            return {"de": german.format(**values), "en": english.format(**values)}
    return None


def fill(apps, schema_editor):
    OutboxEmail = apps.get_model("house", "OutboxEmail")
    rows = OutboxEmail.objects.filter(ref__startswith="rooms.", subjects={}).only("pk", "subject")
    changed = []
    for row in rows.iterator():
        subjects = _subjects(row.subject)
        if subjects is not None:
            row.subjects = subjects
            changed.append(row)
    OutboxEmail.objects.bulk_update(changed, ["subjects"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("house", "0007_outbox_subject_per_language"),
        ("rooms", "0012_quote_lines_as_codes"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
