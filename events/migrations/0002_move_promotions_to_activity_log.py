"""Move the waiting-list promotions into the house's one activity log (on the event)."""

from django.db import migrations

ACTION = "events.registration.promoted"


def forwards(apps, schema_editor):
    PromotionLogEntry = apps.get_model("events", "PromotionLogEntry")
    ActivityLog = apps.get_model("house", "ActivityLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    event_type, _created = ContentType.objects.get_or_create(app_label="events", model="event")
    ActivityLog.objects.bulk_create(
        [
            ActivityLog(
                content_type=event_type,
                object_id=entry.event_id,
                action_type=ACTION,
                data={
                    "registration": entry.registration_id,
                    "seats": entry.seats,
                    "seats_free_before": entry.seats_free_before,
                    "skipped": list(entry.skipped or []),
                },
                timestamp=entry.created_at,
            )
            for entry in PromotionLogEntry.objects.iterator()
        ],
        batch_size=1000,
    )


def backwards(apps, schema_editor):
    PromotionLogEntry = apps.get_model("events", "PromotionLogEntry")
    Registration = apps.get_model("events", "Registration")
    ActivityLog = apps.get_model("house", "ActivityLog")
    entries = ActivityLog.objects.filter(action_type=ACTION)
    existing = set(Registration.objects.values_list("pk", flat=True))
    PromotionLogEntry.objects.bulk_create(
        [
            PromotionLogEntry(
                event_id=entry.object_id,
                registration_id=entry.data.get("registration")
                if entry.data.get("registration") in existing
                else None,
                seats=entry.data.get("seats", 1),
                seats_free_before=entry.data.get("seats_free_before", 0),
                skipped=entry.data.get("skipped", []),
                created_at=entry.timestamp,
            )
            for entry in entries.iterator()
        ],
        batch_size=1000,
    )
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0001_initial"),
        ("house", "0003_add_activity_log"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
