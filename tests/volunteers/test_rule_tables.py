"""House management keeps the volunteer rule tables in the admin; every change is logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from house.models import ActivityLog
from house.roles import Role
from house.volunteers.models import AllowanceLimit, TenureRule, VolunteerCardRule
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def _tenure_form(rule: TenureRule, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "valid_from": rule.valid_from.isoformat(),
        "min_months": rule.min_months,
        "window_months": rule.window_months,
        "required_active_months": rule.required_active_months,
        "min_shifts_per_month": rule.min_shifts_per_month,
        "min_minutes_per_month": rule.min_minutes_per_month,
    }
    data.update(changes)
    return data


def test_house_management_changes_the_tenure_rule_and_the_change_is_logged(client):
    manager = staff_user(Role.HOUSE_MANAGEMENT, name="Hanna Hausverwaltung")
    rule = TenureRule.objects.create(valid_from=dt.date(2024, 1, 1))
    client.force_login(manager)

    index = client.get("/admin/").content.decode()
    assert "/admin/volunteers/tenurerule/" in index
    assert "/admin/volunteers/allowancelimit/" in index
    assert "/admin/volunteers/volunteercardrule/" in index
    assert client.get(f"/admin/volunteers/tenurerule/{rule.pk}/change/").status_code == 200

    initial = ActivityLog.objects.for_object(rule).count()
    response = client.post(
        f"/admin/volunteers/tenurerule/{rule.pk}/change/",
        _tenure_form(rule, required_active_months=10),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert rule.required_active_months == 10
    entries = ActivityLog.objects.for_object(rule)
    assert entries.count() == initial + 1
    entry = entries.get(action_type="volunteers.rule.changed")
    assert entry.actor == manager
    assert entry.data["changes"] == {"required_active_months": ["9", "10"]}
    assert [(str(label), old, new) for label, old, new in entry.changes] == [
        ("davon mindestens aktiv", "9", "10")
    ]
    page = client.get(f"/admin/volunteers/tenurerule/{rule.pk}/change/").content.decode()
    assert "Regel geändert: 2024-01-01 (davon mindestens aktiv: 9 → 10)" in page
    assert "Hanna Hausverwaltung" in page

    client.post(f"/admin/volunteers/tenurerule/{rule.pk}/change/", _tenure_form(rule))
    assert ActivityLog.objects.for_object(rule).count() == initial + 1  # nothing changed


def test_house_management_adds_an_allowance_limit_and_a_card_rule(client):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    client.force_login(manager)
    response = client.post(
        "/admin/volunteers/allowancelimit/add/",
        {"valid_from": "2031-01-01", "yearly_amount": "960.00"},
    )
    assert response.status_code == 302
    limit = AllowanceLimit.objects.get(valid_from=dt.date(2031, 1, 1))
    assert limit.yearly_amount == Decimal("960.00")
    created = ActivityLog.objects.for_object(limit).get()
    assert created.action_type == "volunteers.rule.created"
    assert created.data["changes"]["yearly_amount"] == ["", "960.00"]

    response = client.post(
        "/admin/volunteers/volunteercardrule/add/",
        {
            "federal_state": "HE",
            "card_name": "Ehrenamts-Card Hessen",
            "valid_from": "2031-01-01",
            "min_hours_per_week": "5.0",
            "min_hours_per_year": "250",
        },
    )
    assert response.status_code == 302
    card = VolunteerCardRule.objects.get(federal_state="HE", valid_from=dt.date(2031, 1, 1))
    assert ActivityLog.objects.for_object(card).get().actor == manager


def test_a_rule_in_force_is_not_deleted_but_a_future_one_is_and_the_deletion_is_logged(client):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    client.force_login(manager)
    in_force = AllowanceLimit.objects.create(
        valid_from=dt.date(2020, 1, 1), yearly_amount=Decimal("840.00")
    )
    future = AllowanceLimit.objects.create(
        valid_from=timezone.localdate() + dt.timedelta(days=30), yearly_amount=Decimal("960.00")
    )
    assert client.get(f"/admin/volunteers/allowancelimit/{in_force.pk}/delete/").status_code == 403
    client.post(f"/admin/volunteers/allowancelimit/{in_force.pk}/delete/", {"post": "yes"})
    assert AllowanceLimit.objects.filter(pk=in_force.pk).exists()

    response = client.post(f"/admin/volunteers/allowancelimit/{future.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AllowanceLimit.objects.filter(pk=future.pk).exists()
    deleted = ActivityLog.objects.get(action_type="volunteers.rule.deleted")
    assert deleted.actor == manager
    assert deleted.data["changes"]["yearly_amount"] == ["960.00", ""]


@pytest.mark.parametrize(
    "role", [None, Role.VOLUNTEER_COORDINATION, Role.RECEPTION], ids=["person", "coord", "recep"]
)
def test_nobody_else_edits_the_rule_tables(client, role):
    user = staff_user(role) if role else UserFactory()
    rule = TenureRule.objects.create(valid_from=dt.date(2024, 1, 1))
    client.force_login(user)
    response = client.post(
        f"/admin/volunteers/tenurerule/{rule.pk}/change/",
        _tenure_form(rule, required_active_months=3),
    )
    assert response.status_code in (302, 403)
    rule.refresh_from_db()
    assert rule.required_active_months == 9
    assert not ActivityLog.objects.filter(action_type__startswith="volunteers.rule.").exists()
