"""No two blocking bookings may hold the same physical room at the same time (PostgreSQL).

The exclusion constraint lives only in the database, not in the model state:
SQLite cannot express it (there, IMMEDIATE transactions serialise writers and
the booking service checks before it writes), and keeping it out of the state
lets SQLite rebuild the table freely. Ranges are half-open, so a booking may
start the moment the previous one's tear-down ends.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import Func

NAME = "occupancy_no_overlap"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _constraint():
    return ExclusionConstraint(
        name=NAME,
        expressions=[
            ("room", RangeOperators.EQUAL),
            (TsTzRange("blocked_from", "blocked_until"), RangeOperators.OVERLAPS),
        ],
    )


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_constraint(apps.get_model("rooms", "Occupancy"), _constraint())


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_constraint(apps.get_model("rooms", "Occupancy"), _constraint())


class Migration(migrations.Migration):
    dependencies = [("rooms", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, remove_constraint),
    ]
