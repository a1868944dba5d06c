"""Keep the reasons a series left a date out as codes, so they read in the reader's language.

Series used to keep the words of whoever booked them (German, mostly). The words of
the reasons that occur in practice (a closure day or holiday, a clash with another
booking, the room's hours, too far ahead) are matched here, in German and English,
and replaced by the code and its facts. A reason whose words match nothing keeps its
words and is shown as written.
"""

import datetime as dt
import re

from django.db import migrations

DATE = r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})"
ROOM = r"(?P<room>.+?)"
CLOSED = [
    re.compile(rf"^Das Haus ist am {DATE} geschlossen \((?P<reason>.*)\)\.$"),
    re.compile(rf"^The house is closed on {DATE} \((?P<reason>.*)\)\.$"),
]
TAKEN = [
    re.compile(
        rf"^{ROOM} ist bereits von {DATE} (?P<time>\d{{2}}:\d{{2}}) bis (?P<end>\d{{2}}:\d{{2}}) "
        r"Uhr belegt \(Auf- und Abbau eingerechnet\)\.$"
    ),
    re.compile(
        rf"^{ROOM} is already booked from {DATE} (?P<time>\d{{2}}:\d{{2}}) to "
        r"(?P<end>\d{2}:\d{2}) \(set-up and tear-down included\)\.$"
    ),
]
HOURS = [
    re.compile(
        rf"^{ROOM} ist zwischen (?P<opens>\d{{2}}:\d{{2}}) und (?P<closes>\d{{2}}:\d{{2}}) "
        r"Uhr buchbar\.$"
    ),
    re.compile(
        rf"^{ROOM} can be booked between (?P<opens>\d{{2}}:\d{{2}}) and "
        r"(?P<closes>\d{2}:\d{2})\.$"
    ),
]
TOO_FAR = [
    re.compile(rf"^{ROOM} kann höchstens (?P<days>\d+) Tage im Voraus gebucht werden\.$"),
    re.compile(rf"^{ROOM} can be booked at most (?P<days>\d+) days in advance\.$"),
]


def _match(patterns, text):
    for index, pattern in enumerate(patterns):
        match = pattern.match(text)
        if match is not None:
            return match.groupdict(), index == 1
    return None, False


def _room_facts(name: str, rooms_en: dict[str, str]) -> dict[str, str]:
    return {"room": name, "room_en": rooms_en.get(name, "")}


def coded(text: str, *, day: dt.date, closures, rooms_en):
    """``(code, params)`` for the words of a known reason on the series' ``day``, or None."""
    found, english = _match(CLOSED, text)
    if found is not None:
        when = day
        closure = closures.get(when)
        return "closed", {
            "date": when.isoformat(),
            "reason": closure[0] if closure else found["reason"],
            "reason_en": closure[1] if closure else (found["reason"] if english else ""),
        }
    found, _english = _match(TAKEN, text)
    if found is not None:
        when = _when(text, found)
        start = dt.datetime.combine(when, dt.time.fromisoformat(found["time"]))
        return "taken", {
            **_room_facts(found["room"], rooms_en),
            "start": start.isoformat(),
            "end": found["end"],
        }
    found, _english = _match(HOURS, text)
    if found is not None:
        return "hours", {
            **_room_facts(found["room"], rooms_en),
            "opens": found["opens"],
            "closes": found["closes"],
        }
    found, _english = _match(TOO_FAR, text)
    if found is not None:
        return "too_far", {**_room_facts(found["room"], rooms_en), "days": found["days"]}
    return None


def _when(text: str, found: dict[str, str]) -> dt.date:
    day, month, year = int(found["day"]), int(found["month"]), int(found["year"])
    if f"{found['day']}/{found['month']}/{found['year']}" in text:
        # English pages wrote Django's American order (month first) before day-first dates.
        day, month = month, day
    return dt.date(year, month, day)


def forwards(apps, schema_editor):
    BookingSeries = apps.get_model("rooms", "BookingSeries")
    ClosureDay = apps.get_model("house", "ClosureDay")
    Room = apps.get_model("rooms", "Room")
    closures = {c.date: (c.reason, c.reason_en) for c in ClosureDay.objects.all()}
    rooms_en = dict(Room.objects.values_list("name", "name_en"))
    for series in BookingSeries.objects.exclude(skipped=[]).iterator():
        items = []
        changed = False
        for item in series.skipped or []:
            if "code" in item or "reason" not in item:
                items.append(item)
                continue
            found = coded(
                str(item["reason"]),
                day=dt.date.fromisoformat(item["date"]),
                closures=closures,
                rooms_en=rooms_en,
            )
            if found is None:
                items.append(item)
                continue
            code, params = found
            items.append(
                {"date": item["date"], "code": code, "params": params, "note": item.get("note", "")}
            )
            changed = True
        if changed:
            series.skipped = items
            series.save(update_fields=["skipped"])


class Migration(migrations.Migration):
    dependencies = [
        ("house", "0009_user_staff_enrolment_due"),
        ("rooms", "0014_fee_terms"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
