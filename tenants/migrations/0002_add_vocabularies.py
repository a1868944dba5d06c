"""The shared vocabularies of the directory: target groups, topics and languages.

Events reuse the target groups; house management may add terms in the admin.
"""

from django.db import migrations

TARGET_GROUPS = [
    ("familien", "Familien", "Families"),
    ("kinder-jugendliche", "Kinder und Jugendliche", "Children and youth"),
    ("senioren", "Seniorinnen und Senioren", "Seniors"),
    ("gefluechtete-migranten", "Geflüchtete und Migrant*innen", "Refugees and migrants"),
    ("finanzielle-notlage", "Menschen in finanzieller Notlage", "People in financial hardship"),
    ("behinderung", "Menschen mit Behinderung", "People with disabilities"),
    ("alle", "Alle", "Everyone"),
]

TOPICS = [
    ("schuldnerberatung", "Schuldnerberatung", "Debt counselling"),
    ("migrationsberatung", "Migrationsberatung", "Migration counselling"),
    ("familie", "Familie", "Family"),
    ("senioren", "Alter und Pflege", "Seniors"),
    ("jugendhilfe", "Kinder- und Jugendhilfe", "Youth welfare"),
    ("selbsthilfe", "Selbsthilfe", "Self-help"),
    ("ehrenamt", "Ehrenamt", "Volunteering"),
    ("arbeit", "Arbeit und Beruf", "Employment"),
    ("gesundheit", "Gesundheit", "Health"),
]

LANGUAGES = [
    ("de", "Deutsch", "German"),
    ("en", "Englisch", "English"),
    ("tr", "Türkisch", "Turkish"),
    ("ar", "Arabisch", "Arabic"),
    ("ru", "Russisch", "Russian"),
    ("uk", "Ukrainisch", "Ukrainian"),
    ("fa", "Persisch (Farsi/Dari)", "Persian (Farsi/Dari)"),
    ("ku", "Kurdisch", "Kurdish"),
    ("pl", "Polnisch", "Polish"),
    ("ro", "Rumänisch", "Romanian"),
    ("fr", "Französisch", "French"),
    ("dgs", "Deutsche Gebärdensprache", "German Sign Language"),
]


def add_terms(apps, schema_editor):
    for model_name, terms in (
        ("TargetGroup", TARGET_GROUPS),
        ("Topic", TOPICS),
        ("Language", LANGUAGES),
    ):
        model = apps.get_model("tenants", model_name)
        for position, (slug, name, name_en) in enumerate(terms):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
            )


def remove_terms(apps, schema_editor):
    for model_name, terms in (
        ("TargetGroup", TARGET_GROUPS),
        ("Topic", TOPICS),
        ("Language", LANGUAGES),
    ):
        model = apps.get_model("tenants", model_name)
        model.objects.filter(slug__in=[slug for slug, _name, _en in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [("tenants", "0001_initial")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
