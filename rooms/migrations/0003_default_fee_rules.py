"""The default tariff of the conference centre, modelled on seeds 000 and 002.

Only data: house management edits or replaces these rules in the admin.
Running the migration on a house that already has fee rules adds nothing.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

VALID_FROM = dt.date(2024, 1, 1)
COMMERCIAL_FEE = "Gewerbliche Veranstaltung: pauschales Nutzungsentgelt"

# category, purpose, name, pricing, amount, day amount, extras and terms, reason
RULES = [
    ("tenant", "nonprofit", "Mieter: gemeinwohlorientiert", "hourly", "12.00", None,
     {"free_hours_per_month": 10, "catering_fee": "40.00", "vat_rate": "19.00"},
     "Mieter des Hauses: 10 Freistunden im Monat, danach ermäßigter Stundensatz"),
    ("tenant", "commercial", "Mieter: gewerblich", "flat", "150.00", None,
     {"equipment_fee": "25.00", "catering_fee": "40.00", "vat_rate": "19.00"},
     COMMERCIAL_FEE + " (Mieterpreis)"),
    ("local_nonprofit", "nonprofit", "Gemeinnützige aus Kassel", "free", "0.00", None,
     {"catering_fee": "40.00", "vat_rate": "19.00"},
     "Gemeinnütziger Verein aus Kassel: kostenfrei nach Nutzungsordnung"),
    ("public_sector", "nonprofit", "Öffentliche Hand", "free", "0.00", None,
     {"catering_fee": "40.00", "vat_rate": "19.00"},
     "Öffentliche Hand: kostenfrei nach Nutzungsordnung"),
    ("external_nonprofit", "nonprofit", "Gemeinnützige von außerhalb", "half_day", "90.00", "160.00",
     {"equipment_fee": "25.00", "catering_fee": "40.00", "vat_rate": "19.00"},
     "Gemeinnützige Organisation von außerhalb: ermäßigter Satz"),
    ("commercial", "nonprofit", "Externe: voller Satz", "half_day", "180.00", "320.00",
     {"equipment_fee": "25.00", "catering_fee": "40.00", "vat_rate": "19.00"},
     "Externer Veranstalter: voller Satz nach Nutzungsordnung"),
    ("private_person", "nonprofit", "Privatpersonen: voller Satz", "half_day", "180.00", "320.00",
     {"equipment_fee": "25.00", "catering_fee": "40.00", "vat_rate": "19.00"},
     "Privatperson: voller Satz nach Nutzungsordnung"),
    *[
        (category, "commercial", f"Gewerblich ({label})", "flat", "250.00", None,
         {"equipment_fee": "25.00", "catering_fee": "40.00", "vat_rate": "19.00"}, COMMERCIAL_FEE)
        for category, label in (
            ("local_nonprofit", "Gemeinnützige aus Kassel"),
            ("public_sector", "Öffentliche Hand"),
            ("external_nonprofit", "Gemeinnützige von außerhalb"),
            ("commercial", "Externe"),
            ("private_person", "Privatpersonen"),
        )
    ],
    ("private_person", "private_celebration", "Private Feier (Ehrenamtliche)", "flat", "80.00", None,
     {"cleaning_fee": "60.00", "deposit": "150.00", "vat_rate": "19.00"},
     "Private Feier für Ehrenamtliche, die seit über einem Jahr im Haus aktiv sind"),
]


def add_rules(apps, schema_editor):
    FeeRule = apps.get_model("rooms", "FeeRule")
    if FeeRule.objects.exists():
        return
    rules = []
    for category, purpose, name, pricing, amount, day_amount, terms, reason in RULES:
        values = {key: Decimal(v) if isinstance(v, str) else v for key, v in terms.items()}
        rules.append(
            FeeRule(
                name=name,
                category=category,
                purpose=purpose,
                valid_from=VALID_FROM,
                pricing=pricing,
                amount=Decimal(amount),
                day_amount=Decimal(day_amount) if day_amount else None,
                reason=reason,
                **values,
            )
        )
    FeeRule.objects.bulk_create(rules)


def remove_rules(apps, schema_editor):
    FeeRule = apps.get_model("rooms", "FeeRule")
    FeeRule.objects.filter(valid_from=VALID_FROM, name__in=[r[2] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("rooms", "0002_occupancy_no_overlap")]

    operations = [migrations.RunPython(add_rules, remove_rules)]
