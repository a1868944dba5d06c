"""Move the booking log into the house's one activity log (entries on the booking)."""

from django.db import migrations

PREFIX = "rooms.booking."


def forwards(apps, schema_editor):
    BookingLogEntry = apps.get_model("rooms", "BookingLogEntry")
    ActivityLog = apps.get_model("house", "ActivityLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    booking_type, _created = ContentType.objects.get_or_create(app_label="rooms", model="booking")
    batch = []
    for entry in BookingLogEntry.objects.order_by("pk").iterator():
        data = {"changes": entry.changes or {}}
        if entry.note:
            data["note"] = entry.note
        batch.append(
            ActivityLog(
                content_type=booking_type,
                object_id=entry.booking_id,
                actor_id=entry.actor_id,
                action_type=PREFIX + entry.action,
                data=data,
                timestamp=entry.at,
            )
        )
        if len(batch) >= 5000:
            ActivityLog.objects.bulk_create(batch)
            batch = []
    ActivityLog.objects.bulk_create(batch)


def backwards(apps, schema_editor):
    BookingLogEntry = apps.get_model("rooms", "BookingLogEntry")
    Booking = apps.get_model("rooms", "Booking")
    ActivityLog = apps.get_model("house", "ActivityLog")
    entries = ActivityLog.objects.filter(action_type__startswith=PREFIX)
    existing = set(Booking.objects.values_list("pk", flat=True))
    BookingLogEntry.objects.bulk_create(
        [
            BookingLogEntry(
                booking_id=entry.object_id,
                actor_id=entry.actor_id,
                action=entry.action_type.removeprefix(PREFIX),
                changes=entry.data.get("changes", {}),
                note=(entry.data.get("note") or "")[:300],
                at=entry.timestamp,
            )
            for entry in entries.order_by("pk").iterator()
            if entry.object_id in existing
        ],
        batch_size=5000,
    )
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("rooms", "0006_booking_organisation_start_index"),
        ("house", "0003_add_activity_log"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
