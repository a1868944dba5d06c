"""Move the organisations' change log into the house's one activity log.

Each entry becomes an entry on its organisation; the kind of what changed,
its name and the changed fields move into ``data``.
"""

from django.db import migrations

PREFIX = "tenants.entry."


def forwards(apps, schema_editor):
    ChangeLogEntry = apps.get_model("tenants", "ChangeLogEntry")
    ActivityLog = apps.get_model("house", "ActivityLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    organisation_type, _created = ContentType.objects.get_or_create(
        app_label="tenants", model="organisation"
    )
    batch = []
    for entry in ChangeLogEntry.objects.order_by("pk").iterator():
        batch.append(
            ActivityLog(
                content_type=organisation_type,
                object_id=entry.organisation_id,
                actor_id=entry.actor_id,
                action_type=PREFIX + entry.action,
                # Older entries kept the kind as words instead of the model's label.
                data={
                    "model": entry.object_model or entry.object_type,
                    "repr": entry.object_repr,
                    "changes": entry.changes or {},
                },
                timestamp=entry.created_at,
            )
        )
        if len(batch) >= 5000:
            ActivityLog.objects.bulk_create(batch)
            batch = []
    ActivityLog.objects.bulk_create(batch)


def backwards(apps, schema_editor):
    ChangeLogEntry = apps.get_model("tenants", "ChangeLogEntry")
    Organisation = apps.get_model("tenants", "Organisation")
    ActivityLog = apps.get_model("house", "ActivityLog")
    entries = ActivityLog.objects.filter(action_type__startswith=PREFIX)
    existing = set(Organisation.objects.values_list("pk", flat=True))
    rows = []
    for entry in entries.order_by("pk").iterator():
        if entry.object_id not in existing:
            continue
        model = str(entry.data.get("model") or "")
        rows.append(
            ChangeLogEntry(
                organisation_id=entry.object_id,
                actor_id=entry.actor_id,
                action=entry.action_type.removeprefix(PREFIX),
                object_model=model if "." in model else "",
                object_type="" if "." in model else model[:50],
                object_repr=str(entry.data.get("repr") or "")[:200],
                changes=entry.data.get("changes") or {},
                created_at=entry.timestamp,
            )
        )
    ChangeLogEntry.objects.bulk_create(rows, batch_size=5000)
    entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("tenants", "0006_changelog_model_label"),
        ("house", "0003_add_activity_log"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ChangeLogEntry"),
    ]
