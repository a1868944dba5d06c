"""The one activity log: entries per object, messages in the reader's language, changes listed."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from house.activity import log_activity, register_actions
from house.models import ActivityLog, ClosureDay
from tests.factories import UserFactory

register_actions(
    {
        "tests.closure.noted": _("Noted"),
        "tests.closure.moved": "Moved to %(date)s",
    },
    field_labels={"reason": _("reason")},
)
register_actions(
    {"tests.closure.kind": "%(kind)s: %(date)s"},
    value_labels={"kind": {"holiday": "Feiertag"}},
)


@pytest.fixture
def closure(db):
    import datetime as dt

    return ClosureDay.objects.create(date=dt.date(2026, 12, 24), reason="Heiligabend")


def test_entries_belong_to_their_object_newest_first(closure):
    import datetime as dt

    other = ClosureDay.objects.create(date=dt.date(2026, 12, 31), reason="Silvester")
    actor = UserFactory(name="Erika Empfang")
    log_activity(obj=closure, action_type="tests.closure.noted", actor=actor)
    log_activity(obj=other, action_type="tests.closure.noted")
    log_activity(obj=closure, action_type="tests.closure.moved", data={"date": "27.12."})

    entries = list(ActivityLog.objects.for_object(closure))

    assert [e.action_type for e in entries] == ["tests.closure.moved", "tests.closure.noted"]
    assert entries[0].message == "Moved to 27.12."
    assert entries[1].actor == actor


def test_an_unregistered_action_type_is_refused(closure):
    with pytest.raises(ValueError, match="Unregistered"):
        log_activity(obj=closure, action_type="tests.closure.typo")
    assert not ActivityLog.objects.exists()


def test_a_message_whose_data_lacks_a_key_still_reads(closure):
    entry = log_activity(obj=closure, action_type="tests.closure.moved", data={})
    assert entry.message == "Moved to"


def test_value_labels_name_codes_beside_nested_data(closure):
    """Words for stored codes, while lists and changes in the same data stay as they are."""
    entry = log_activity(
        obj=closure,
        action_type="tests.closure.kind",
        data={"kind": "holiday", "date": "24.12.", "changes": {"reason": ["a", "b"]}},
    )
    assert entry.message == "Feiertag: 24.12."


def test_the_history_partial_lists_changes_with_field_labels_in_german(closure):
    log_activity(
        obj=closure,
        action_type="tests.closure.noted",
        actor=UserFactory(name="Erika Empfang"),
        data={"changes": {"reason": ["Heiligabend", "Betriebsferien"]}},
    )
    with translation.override("de"):
        html = render_to_string(
            "house/_activity_log.html", {"entries": ActivityLog.objects.for_object(closure)}
        )
    assert "Erika Empfang" in html
    assert "<del>Heiligabend</del>" in html
    assert "Betriebsferien" in html
