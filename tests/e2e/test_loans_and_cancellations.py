"""The reception lends the cargo bike to a tenant organisation and takes it back; a tenant
member cancels a booking late and sees the fee. Every page passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.roles import Role
from rooms.billing.models import Invoice
from rooms.loans.models import LendableItem, Loan
from rooms.models import Booking, CancellationTier
from tests.billing.factories import chargeable_booking, set_issuer
from tests.e2e.conftest import axe_violations, login, login_staff
from tests.factories import PASSWORD, staff_user
from tests.tenants.factories import OrganisationFactory, org_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _patient(page):
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)


def test_the_reception_lends_the_cargo_bike_and_records_its_return(page, house):
    LendableItem.objects.create(name="Lastenrad")
    LendableItem.objects.create(name="Mobiler Beamer")
    organisation = OrganisationFactory(name="Repair-Café Nord")
    reception = staff_user(Role.RECEPTION, email="empfang@example.org")
    login_staff(page, reception.email, PASSWORD)

    page.goto("/equipment/")
    assert axe_violations(page) == []
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    page.locator("select[name=item]").select_option(label="Lastenrad")
    page.locator("select[name=organisation]").select_option(label="Repair-Café Nord")
    page.locator("input[name=from_date]").fill(tomorrow)
    page.locator("input[name=from_time]").fill("09:00")
    page.locator("input[name=until_date]").fill(tomorrow)
    page.locator("input[name=until_time]").fill("13:00")
    page.get_by_role("button", name="Verleihen", exact=True).click()
    page.wait_for_load_state()
    assert "Lastenrad ist für Repair-Café Nord reserviert." in page.content()
    loan = Loan.objects.get()
    assert (loan.organisation, loan.state) == (organisation, Loan.State.RESERVED)

    page.get_by_role("button", name="Lastenrad ausgeben").click()
    page.wait_for_load_state()
    assert "Lastenrad ist ausgegeben." in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lastenrad ist zurück").click()
    page.wait_for_load_state()
    loan.refresh_from_db()
    assert loan.state == Loan.State.RETURNED
    assert "Zurzeit ist nichts verliehen." in page.content()
    assert axe_violations(page) == []


def test_a_tenant_cancels_late_and_sees_the_fee(page, house, default_fee_rules):
    set_issuer()
    for rule in default_fee_rules:
        CancellationTier.objects.create(fee_rule=rule, days_before=13, percent=50)
        CancellationTier.objects.create(fee_rule=rule, days_before=3, percent=100)
    reception = staff_user(Role.RECEPTION)
    booking = chargeable_booking(reception=reception, title="Strategietag", days=30)
    start = timezone.localtime(booking.start)
    late = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=2), start.time())
    )
    Booking.objects.filter(pk=booking.pk).update(start=late, end=late + dt.timedelta(hours=2))
    member = org_member(booking.organisation, user__email="team@firma.example")
    login(page, member.email, PASSWORD)

    page.goto(f"/rooms/organisation/{booking.organisation.slug}/")
    assert "Eine Stornierung kostet jetzt 100 %" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="„Strategietag“ stornieren").click()
    page.wait_for_load_state()
    assert "Nach den Stornobedingungen wird eine Gebühr von 100 %" in page.content()
    assert axe_violations(page) == []
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED
    assert Invoice.objects.get(booking=booking).net == booking.net
