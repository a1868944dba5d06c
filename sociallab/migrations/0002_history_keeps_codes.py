"""Earlier history entries of the Social Lab kept the words of a decision, a phase or a
status in the language of whoever caused them; they now keep the code, and the history
page says it in the reader's language."""

from django.db import migrations

#: Words found in older entries (English and German), by placeholder, with their codes.
WORDS = {
    "decision": {
        "accept": ["Accept", "Annehmen", "Übernehmen"],
        "reject": ["Reject", "Ablehnen"],
    },
    "phase": {
        "idea": ["Idea", "Idee"],
        "concretisation": ["Concretisation", "Konkretisierung"],
        "implementation": ["Implementation", "Umsetzung"],
        "funding": ["Funding", "Finanzierung"],
        "sustainability": ["Sustainability", "Verstetigung"],
    },
    "outcome": {
        "next": ["Moves on to the next phase", "Geht in die nächste Phase"],
        "extend": ["Stays in this phase", "Bleibt in dieser Phase"],
        "end": ["Leaves the programme", "Verlässt das Programm"],
    },
    "status": {
        "planned": ["Planned", "Geplant"],
        "submitted": ["Submitted", "Eingereicht"],
        "granted": ["Granted", "Bewilligt"],
        "refused": ["Refused", "Abgelehnt"],
    },
}

ACTION_TYPES = [
    "sociallab.application.decided",
    "sociallab.application.released",
    "sociallab.application.redecided",
    "sociallab.venture.started",
    "sociallab.venture.goals_agreed",
    "sociallab.venture.phase_reviewed",
    "sociallab.venture.funding",
]


def _codes() -> dict[str, dict[str, str]]:
    return {
        key: {word: code for code, words in by_code.items() for word in words}
        for key, by_code in WORDS.items()
    }


def words_to_codes(apps, schema_editor):
    ActivityLog = apps.get_model("house", "ActivityLog")
    codes = _codes()
    changed = []
    for entry in ActivityLog.objects.filter(action_type__in=ACTION_TYPES).only("pk", "data"):
        if not isinstance(entry.data, dict):
            continue
        data = dict(entry.data)
        for key, value in entry.data.items():
            if key in codes and value in codes[key]:
                data[key] = codes[key][value]
        if data != entry.data:
            entry.data = data
            changed.append(entry)
    ActivityLog.objects.bulk_update(changed, ["data"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("house", "0003_add_activity_log"),
        ("sociallab", "0001_social_lab"),
    ]

    operations = [migrations.RunPython(words_to_codes, migrations.RunPython.noop)]
