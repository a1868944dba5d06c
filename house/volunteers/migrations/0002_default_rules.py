"""Defaults the house starts with; house management edits them in the administration."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

QUALIFICATIONS = [
    ("lebensmittelhygiene", "Belehrung Lebensmittelhygiene (§ 43 IfSG)", "general", 24),
    ("erste-hilfe", "Erste Hilfe", "general", 24),
    ("fuehrungszeugnis", "Erweitertes Führungszeugnis (§ 72a SGB VIII)", "conduct_certificate", None),
]
ALLOWANCE_LIMITS = [(dt.date(2021, 1, 1), Decimal("840.00")), (dt.date(2026, 1, 1), Decimal("960.00"))]
CARD_RULES = [
    ("NI", "Ehrenamtskarte Niedersachsen", Decimal("5.0"), 250),
    ("HE", "Ehrenamts-Card Hessen", Decimal("5.0"), 250),
]


def add_defaults(apps, schema_editor):
    QualificationType = apps.get_model("volunteers", "QualificationType")
    TenureRule = apps.get_model("volunteers", "TenureRule")
    AllowanceLimit = apps.get_model("volunteers", "AllowanceLimit")
    VolunteerCardRule = apps.get_model("volunteers", "VolunteerCardRule")
    for slug, name, kind, months in QUALIFICATIONS:
        QualificationType.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "validity_months": months}
        )
    TenureRule.objects.get_or_create(valid_from=dt.date(2000, 1, 1))
    for valid_from, amount in ALLOWANCE_LIMITS:
        AllowanceLimit.objects.get_or_create(valid_from=valid_from, defaults={"yearly_amount": amount})
    for state, name, weekly, yearly in CARD_RULES:
        VolunteerCardRule.objects.get_or_create(
            federal_state=state,
            valid_from=dt.date(2020, 1, 1),
            defaults={"card_name": name, "min_hours_per_week": weekly, "min_hours_per_year": yearly},
        )


def remove_defaults(apps, schema_editor):
    apps.get_model("volunteers", "TenureRule").objects.filter(valid_from=dt.date(2000, 1, 1)).delete()
    apps.get_model("volunteers", "AllowanceLimit").objects.filter(
        valid_from__in=[d for d, _ in ALLOWANCE_LIMITS]
    ).delete()
    apps.get_model("volunteers", "VolunteerCardRule").objects.filter(
        valid_from=dt.date(2020, 1, 1)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
