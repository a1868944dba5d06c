"""The invoices' history stores plain values and writes them the reader's way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from house.activity import log_activity
from house.models import ClosureDay


@pytest.fixture
def closure(db):
    # Any object carries a history; the messages depend only on the action type.
    return ClosureDay.objects.create(date=dt.date(2026, 12, 24), reason="Heiligabend")


def test_stored_amounts_and_dates_read_the_readers_way(closure):
    """The invoices store "214.20" and ISO dates; each reader sees them in their format."""
    entry = log_activity(
        obj=closure,
        action_type="billing.payment.recorded",
        data={"amount": "1214.20", "paid_on": "2026-11-30"},
    )
    with translation.override("de"):
        assert entry.message == "Zahlung über 1.214,20 € erfasst (gezahlt am 30.11.2026)"
    with translation.override("en"):
        assert "1,214.20" in entry.message
        assert "2026" in entry.message
        assert "30.11.2026" not in entry.message


def test_entries_written_before_stay_readable(closure):
    entry = log_activity(
        obj=closure,
        action_type="billing.payment.recorded",
        data={"amount": "214,20", "paid_on": "30.11.2026"},
    )
    with translation.override("de"):
        assert entry.message == "Zahlung über 214,20 € erfasst (gezahlt am 30.11.2026)"
