"""No item may be lent twice at the same time (PostgreSQL), as no room is booked twice.

As with rooms' occupancies the exclusion constraint lives only in the database:
SQLite cannot express it (there, IMMEDIATE transactions serialise writers and the
loan service checks under the item's lock before it writes). Only loans that hold
their item (reserved or handed out) count; ranges are half-open, so the next loan
may start the moment the previous one is due back.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import Func, Q

NAME = "loan_no_overlap"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _constraint():
    return ExclusionConstraint(
        name=NAME,
        expressions=[
            ("item", RangeOperators.EQUAL),
            (TsTzRange("starts", "ends"), RangeOperators.OVERLAPS),
        ],
        condition=Q(state__in=["reserved", "out"]),
    )


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_constraint(apps.get_model("loans", "Loan"), _constraint())


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_constraint(apps.get_model("loans", "Loan"), _constraint())


class Migration(migrations.Migration):
    dependencies = [("loans", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, remove_constraint),
    ]
