"""Keep quote lines and reception warnings as codes, so they read in the reader's language.

Quotes frozen on bookings used to keep their words, in the language of whoever asked
for the price. Their words are matched here (German and English) and replaced by the
line's code and numbers; the fee rule's reason stays with its English twin. A line
whose words match nothing keeps its words and is shown as written.
"""

import re
from decimal import Decimal

from django.db import migrations

NUMBER = r"(?P<hours>[\d.,]+)"
PATTERNS = [
    (re.compile(rf"^Raumnutzung, {NUMBER} Std\. × (?P<price>[\d.,]+) €$"), "hourly"),
    (re.compile(rf"^Room use, {NUMBER} h × (?P<price>[\d.,]+) €$"), "hourly"),
    (re.compile(r"^Raumnutzung, (?P<days>\d+) Tag\(e\)$"), "days"),
    (re.compile(r"^Room use, (?P<days>\d+) day\(s\)$"), "days"),
    (re.compile(rf"^{NUMBER} Std\. aus dem monatlichen Freikontingent$"), "free_quota"),
    (re.compile(rf"^{NUMBER} h from the free monthly quota$"), "free_quota"),
]
PLAIN = {
    "Raumnutzung": "room_use",
    "Room use": "room_use",
    "Raumnutzung, halber Tag": "half_day",
    "Room use, half day": "half_day",
    "Raumnutzung, ganzer Tag": "full_day",
    "Room use, full day": "full_day",
    "Pauschales Nutzungsentgelt": "flat",
    "Flat usage fee": "flat",
    "Medientechnik": "equipment",
    "Media equipment": "equipment",
    "Bewirtungsservice": "catering",
    "Catering service": "catering",
    "Reinigungspauschale": "cleaning",
    "Cleaning fee": "cleaning",
}
FIXED_REASON_CODES = {"equipment", "catering", "cleaning"}
WARNINGS = {
    "Der Freistellungsbescheid ist abgelaufen: Bis ein aktueller Bescheid vorliegt, gilt der "
    "externe Satz.": "exemption_expired",
    "The non-profit exemption notice has expired: the external rate applies until a current "
    "notice is on file.": "exemption_expired",
    "Kategorie laut Angabe der anfragenden Person: Bitte prüfen Sie die Nachweise.": (
        "category_stated"
    ),
    "Kategorie von der anfragenden Person angegeben: bitte Nachweis prüfen.": "category_stated",
    "Category stated by the requester: please check their papers.": "category_stated",
}
GERMAN = {
    "room_use": "Raumnutzung",
    "half_day": "Raumnutzung, halber Tag",
    "full_day": "Raumnutzung, ganzer Tag",
    "flat": "Pauschales Nutzungsentgelt",
    "equipment": "Medientechnik",
    "catering": "Bewirtungsservice",
    "cleaning": "Reinigungspauschale",
}
GERMAN_REASONS = {
    "equipment": "Beamer, Leinwand und Ton wie gebucht.",
    "catering": "Getränke und Snacks, vom Haus bereitgestellt.",
    "cleaning": "Wird für diese Nutzungsart einmal berechnet.",
}
GERMAN_WARNINGS = {
    "exemption_expired": "Der Freistellungsbescheid ist abgelaufen: Bis ein aktueller Bescheid "
    "vorliegt, gilt der externe Satz.",
    "category_stated": "Kategorie laut Angabe der anfragenden Person: Bitte prüfen Sie die "
    "Nachweise.",
}


def _minutes(hours: str) -> str:
    return str(int(Decimal(hours.replace(",", ".")) * 60))


def _coded(label: str) -> tuple[str, dict[str, str]] | None:
    if label in PLAIN:
        return PLAIN[label], {}
    for pattern, code in PATTERNS:
        match = pattern.match(label)
        if match is None:
            continue
        found = match.groupdict()
        if code == "days":
            return code, {"days": found["days"]}
        params = {"minutes": _minutes(found["hours"])}
        if code == "hourly":
            params["price"] = str(Decimal(found["price"].replace(",", ".")))
        return code, params
    return None


def _line(old: dict, reasons_en: dict[tuple[int | None, str], str], rule_id) -> dict:
    coded = _coded(str(old.get("label", "")))
    if coded is None:
        return {
            "code": "text",
            "amount": old["amount"],
            "text": old.get("label", ""),
            "text_reason": old.get("reason", ""),
        }
    code, params = coded
    line = {"code": code, "amount": old["amount"]}
    if params:
        line["params"] = params
    if code not in FIXED_REASON_CODES and old.get("reason"):
        line["rule_reason"] = old["reason"]
        english = reasons_en.get((rule_id, old["reason"]))
        if english:
            line["rule_reason_en"] = english
    return line


def to_codes(apps, schema_editor):
    Booking = apps.get_model("rooms", "Booking")
    FeeRule = apps.get_model("rooms", "FeeRule")
    reasons_en = {
        (pk, reason): reason_en
        for pk, reason, reason_en in FeeRule.objects.exclude(reason_en="").values_list(
            "pk", "reason", "reason_en"
        )
    }
    changed = []
    for booking in Booking.objects.exclude(quote={}).only("pk", "quote").iterator():
        quote = booking.quote
        lines = quote.get("lines", [])
        if all("code" in line for line in lines) and all(
            w not in WARNINGS for w in quote.get("warnings", [])
        ):
            continue
        rule_id = quote.get("rule_id")
        quote["lines"] = [
            line if "code" in line else _line(line, reasons_en, rule_id) for line in lines
        ]
        quote["warnings"] = [WARNINGS.get(w, w) for w in quote.get("warnings", [])]
        changed.append(booking)
        if len(changed) >= 500:
            Booking.objects.bulk_update(changed, ["quote"])
            changed = []
    Booking.objects.bulk_update(changed, ["quote"])


def _hours_de(minutes: str) -> str:
    hours = (Decimal(minutes) / 60).normalize()
    return f"{hours:f}".replace(".", ",")


def _words_de(line: dict) -> dict:
    code, params = line.get("code"), line.get("params", {})
    if code == "text":
        label, reason = line.get("text", ""), line.get("text_reason", "")
    else:
        if code == "hourly":
            label = f"Raumnutzung, {_hours_de(params['minutes'])} Std. × {params['price']} €"
        elif code == "days":
            label = f"Raumnutzung, {params['days']} Tag(e)"
        elif code == "free_quota":
            label = f"{_hours_de(params['minutes'])} Std. aus dem monatlichen Freikontingent"
        else:
            label = GERMAN.get(code, "Raumnutzung")
        reason = GERMAN_REASONS.get(code, line.get("rule_reason", ""))
    return {"label": label, "reason": reason, "amount": line["amount"]}


def to_words(apps, schema_editor):
    Booking = apps.get_model("rooms", "Booking")
    changed = []
    for booking in Booking.objects.exclude(quote={}).only("pk", "quote").iterator():
        quote = booking.quote
        quote["lines"] = [
            _words_de(line) if "code" in line else line for line in quote.get("lines", [])
        ]
        quote["warnings"] = [GERMAN_WARNINGS.get(w, w) for w in quote.get("warnings", [])]
        changed.append(booking)
    Booking.objects.bulk_update(changed, ["quote"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("rooms", "0011_translated_house_texts")]

    operations = [migrations.RunPython(to_codes, to_words)]
