"""Index the directory's search text on PostgreSQL so "search by need" stays fast.

``Service.search_text`` is searched with ``LIKE '%word%'``; a trigram GIN index
serves that. SQLite (the laptop default) has no such index and needs none at
the size of one house.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS tenants_service_search_trgm "
    "ON tenants_service USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS tenants_service_search_trgm"]


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("tenants", "0003_add_invitation_sent_at")]

    operations = [migrations.RunPython(create_index, drop_index)]
