"""Lending the house's equipment: free items, one loan at a time, fees, the desk's pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from house.models import ActivityLog
from rooms.fees import BookerCategory, Pricing, Purpose
from rooms.loans.models import LendableItem, Loan
from rooms.loans.pricing import loan_price
from rooms.loans.services import LoanError, cancel_loan, hand_out, lend_item, record_return
from rooms.models import FeeRule
from tests.tenants.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def bike():
    return LendableItem.objects.create(name="Lastenrad")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Repair-Café")


def _rule(pricing: str, amount: str, **kwargs) -> FeeRule:
    return FeeRule.objects.create(
        name="Verleih",
        category=BookerCategory.TENANT,
        purpose=Purpose.NONPROFIT,
        valid_from=dt.date(2020, 1, 1),
        pricing=pricing,
        amount=Decimal(amount),
        vat_rate=Decimal("19.00"),
        reason="Verleih",
        **kwargs,
    )


def test_an_item_is_never_lent_twice_at_the_same_time(bike, organisation):
    lend_item(actor=None, item=bike, starts=_at(2, 9), ends=_at(2, 13), organisation=organisation)

    with pytest.raises(LoanError, match="bereits von"):
        lend_item(
            actor=None, item=bike, starts=_at(2, 12), ends=_at(2, 15), organisation=organisation
        )
    # Half-open spans: the next loan may begin the moment the previous one is due back.
    lend_item(actor=None, item=bike, starts=_at(2, 13), ends=_at(2, 15), organisation=organisation)
    assert Loan.objects.count() == 2


def test_only_free_items_are_offered(bike, organisation):
    projector = LendableItem.objects.create(name="Mobiler Beamer")
    LendableItem.objects.create(name="Altes Flipchart", is_lendable=False)
    lend_item(actor=None, item=bike, starts=_at(2, 9), ends=_at(2, 13), organisation=organisation)

    assert list(LendableItem.objects.free_between(_at(2, 10), _at(2, 11))) == [projector]
    assert set(LendableItem.objects.free_between(_at(2, 13), _at(2, 14))) == {bike, projector}


def test_a_return_frees_the_rest_of_the_span_and_is_logged(bike, organisation, reception):
    loan = lend_item(
        actor=reception,
        item=bike,
        starts=timezone.now() - dt.timedelta(minutes=30),
        ends=timezone.now() + dt.timedelta(hours=5),
        organisation=organisation,
    )
    hand_out(actor=reception, loan=loan)
    returned = record_return(actor=reception, loan=loan, note="Kette geölt")

    assert returned.state == Loan.State.RETURNED
    assert returned.ends <= timezone.now()
    assert "Kette geölt" in returned.note
    lend_item(
        actor=reception,
        item=bike,
        starts=timezone.now() + dt.timedelta(minutes=5),
        ends=timezone.now() + dt.timedelta(hours=2),
        organisation=organisation,
    )
    actions = list(ActivityLog.objects.for_object(loan).values_list("action_type", flat=True))
    assert set(actions) == {"loans.loan.lent", "loans.loan.handed_out", "loans.loan.returned"}
    with pytest.raises(LoanError):
        record_return(actor=reception, loan=loan)


def test_bad_spans_are_refused_with_a_message(bike, organisation):
    with pytest.raises(LoanError, match="nach dem Beginn"):
        lend_item(
            actor=None, item=bike, starts=_at(2, 13), ends=_at(2, 9), organisation=organisation
        )
    with pytest.raises(LoanError, match="31 Tage"):
        lend_item(
            actor=None, item=bike, starts=_at(2, 9), ends=_at(40, 9), organisation=organisation
        )
    with pytest.raises(LoanError, match="Vergangenheit"):
        lend_item(
            actor=None, item=bike, starts=_at(-2, 9), ends=_at(1, 9), organisation=organisation
        )
    with pytest.raises(LoanError, match="Organisation"):
        lend_item(actor=None, item=bike, starts=_at(2, 9), ends=_at(2, 12))
    assert not Loan.objects.exists()


def test_a_fee_rule_prices_the_loan():
    starts = _at(3, 9)
    assert loan_price(None, starts, starts + dt.timedelta(hours=3)) == Decimal("0.00")
    hourly = _rule(Pricing.HOURLY, "5.00")
    assert loan_price(hourly, starts, starts + dt.timedelta(minutes=90)) == Decimal("7.50")
    daily = _rule(Pricing.DAY, "20.00")
    assert loan_price(daily, starts, starts + dt.timedelta(hours=3)) == Decimal("20.00")
    assert loan_price(daily, starts, starts + dt.timedelta(hours=30)) == Decimal("40.00")
    half = _rule(Pricing.HALF_DAY, "10.00", day_amount=Decimal("15.00"))
    assert loan_price(half, starts, starts + dt.timedelta(hours=4)) == Decimal("10.00")
    assert loan_price(half, starts, starts + dt.timedelta(hours=5)) == Decimal("15.00")
    assert loan_price(
        _rule(Pricing.FLAT, "25.00"), starts, starts + dt.timedelta(days=3)
    ) == Decimal("25.00")


def test_a_loan_keeps_its_price_with_vat(organisation):
    projector = LendableItem.objects.create(name="Beamer", fee_rule=_rule(Pricing.DAY, "20.00"))
    loan = lend_item(
        actor=None, item=projector, starts=_at(2, 9), ends=_at(2, 17), organisation=organisation
    )
    assert (loan.net, loan.vat_rate, loan.gross) == (
        Decimal("20.00"),
        Decimal("19.00"),
        Decimal("23.80"),
    )


def test_an_item_goes_with_a_room_booking_for_its_time(reception, default_fee_rules, bike):
    from rooms.services import book_room
    from tests.rooms.factories import RoomFactory, draft, next_weekday_at

    organisation = OrganisationFactory()
    booking = book_room(
        actor=reception,
        draft=draft(RoomFactory(), next_weekday_at(10), organisation=organisation),
    )
    loan = lend_item(actor=reception, item=bike, booking=booking)

    assert (loan.starts, loan.ends, loan.organisation) == (booking.start, booking.end, organisation)
    assert bike not in LendableItem.objects.free_between(booking.start, booking.end)


def test_the_desk_shows_what_is_out_and_due_back_and_records_the_return(
    client, reception, bike, organisation
):
    loan = lend_item(
        actor=reception,
        item=bike,
        starts=timezone.now() - dt.timedelta(minutes=10),
        ends=timezone.now() + dt.timedelta(minutes=20),
        organisation=organisation,
    )
    hand_out(actor=reception, loan=loan)
    client.force_login(reception)

    page = client.get(reverse("loans:desk"))
    assert page.status_code == 200
    assert page.context["due_today"] == [loan] or loan.ends.date() != timezone.localdate()
    assert "Repair-Café" in page.content.decode()

    response = client.post(reverse("loans:change", args=[loan.pk, "return"]))
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.state == Loan.State.RETURNED


def test_the_desk_lends_through_its_form_and_shows_errors_in_german(
    client, reception, bike, organisation
):
    client.force_login(reception)
    data = {
        "item": bike.pk,
        "organisation": organisation.pk,
        "from_date": _at(2, 9).date().isoformat(),
        "from_time": "09:00",
        "until_date": _at(2, 9).date().isoformat(),
        "until_time": "08:00",
    }
    page = client.post(reverse("loans:desk"), data)
    assert page.status_code == 200
    assert "Die Rückgabe muss nach dem Beginn" in page.content.decode()
    assert not Loan.objects.exists()

    data["until_time"] = "12:00"
    assert client.post(reverse("loans:desk"), data).status_code == 302
    assert Loan.objects.get().organisation == organisation


def test_members_borrow_for_their_organisation_only(client, bike, organisation):
    member = MembershipFactory(organisation=organisation).user
    stranger_org = OrganisationFactory(is_public=True)
    client.force_login(member)
    day = _at(3, 9).date().isoformat()
    data = {
        "item": bike.pk,
        "from_date": day,
        "from_time": "09:00",
        "until_date": day,
        "until_time": "12:00",
    }

    assert (
        client.post(reverse("loans:organisation", args=[organisation.slug]), data).status_code
        == 302
    )
    loan = Loan.objects.get()
    assert (loan.organisation, loan.borrower) == (organisation, member)
    page = client.get(reverse("loans:organisation", args=[stranger_org.slug]))
    assert page.status_code in (403, 404)
    assert client.get(reverse("loans:desk")).status_code == 403
    assert client.post(reverse("loans:change", args=[loan.pk, "return"])).status_code == 403
    cancel = client.post(reverse("loans:change", args=[loan.pk, "cancel"]))
    assert cancel.status_code == 302
    loan.refresh_from_db()
    assert loan.state == Loan.State.CANCELLED


def test_the_day_sheet_names_equipment_due_back(client, reception, bike, organisation):
    lend_item(
        actor=reception,
        item=bike,
        starts=timezone.now() - dt.timedelta(minutes=10),
        ends=timezone.localtime().replace(hour=23, minute=30),
        organisation=organisation,
    )
    client.force_login(reception)
    page = client.get(reverse("rooms:reception_day_sheet"))
    assert "Lastenrad" in page.content.decode()


def test_a_reservation_can_be_cancelled_once(bike, organisation):
    loan = lend_item(
        actor=None, item=bike, starts=_at(2, 9), ends=_at(2, 13), organisation=organisation
    )
    cancel_loan(actor=None, loan=loan)
    with pytest.raises(LoanError):
        cancel_loan(actor=None, loan=loan)
    assert list(LendableItem.objects.free_between(_at(2, 9), _at(2, 13))) == [bike]
