"""Worked cases of the two model houses' rules that the fee rules could not say before:
a neighbourhood initiative without an exemption notice, a tenant's commercial event and
its free hours, a volunteer's celebration judged on its day, a two-day conference priced
once, and evening surcharges, each through the services and pages that use them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from house.models import ActivityLog
from rooms import activity
from rooms.fees import BookerCategory, LineCode, Purpose, WarningCode
from rooms.fees.conditions import CategorySource
from rooms.models import Booking, FeeRule, FeeSurcharge, Occupancy, OrganisationCategory
from rooms.services import (
    BookingError,
    book_event,
    book_room,
    clear_organisation_category,
    quote_draft,
    quote_event,
    request_booking,
    set_organisation_category,
)
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.tenants.factories import OrganisationFactory
from tests.volunteers.history import regular_volunteer

pytestmark = pytest.mark.usefixtures("default_fee_rules")
D = Decimal


def initiative():
    """A neighbourhood initiative of the house's city, without an exemption notice."""
    return OrganisationFactory(
        name="Nachbarschaft Nord", kind="external", city="Kassel", nonprofit_notice_date=None
    )


def review_date():
    return timezone.localdate() + dt.timedelta(days=180)


# --- an organisation's category, set by house management -----------------------------


def test_initiative_without_notice_is_charged_as_commercial_until_house_management_decides(
    manager,
):
    room, org = RoomFactory(), initiative()
    four_hours = draft(room, hours=4, organisation=org)

    before = quote_draft(four_hours)[1]
    set_organisation_category(
        actor=manager,
        organisation=org,
        category=BookerCategory.LOCAL_NONPROFIT,
        reason="Nachbarschaftsinitiative ohne Freistellungsbescheid",
        review_on=review_date(),
    )
    category, after = quote_draft(four_hours)

    assert before.gross == D("214.20")  # the external full rate: 180 € + 19 %
    assert category == BookerCategory.LOCAL_NONPROFIT
    assert after.gross == D("0.00")
    assert after.category_source == CategorySource.HOUSE
    with translation.override("de"):
        assert "von der Hausverwaltung festgelegt" in after.category_text
        assert "ohne Freistellungsbescheid" in after.category_text


def test_the_category_applies_to_bookings_and_is_frozen_on_them(manager, reception):
    room, org = RoomFactory(), initiative()
    set_organisation_category(
        actor=manager,
        organisation=org,
        category=BookerCategory.LOCAL_NONPROFIT,
        reason="Initiative",
        review_on=review_date(),
    )
    booking = book_room(actor=reception, draft=draft(room, hours=4, organisation=org))

    clear_organisation_category(actor=manager, organisation=org)
    booking.refresh_from_db()

    assert booking.booker_category == BookerCategory.LOCAL_NONPROFIT
    assert booking.gross == D("0.00")
    assert booking.frozen_quote().category_reason == "Initiative"
    assert quote_draft(draft(room, hours=4, organisation=org))[1].gross == D("214.20")


def test_a_stated_category_with_an_organisation_is_not_silently_ignored():
    room, org = RoomFactory(), initiative()

    category, quote = quote_draft(
        draft(room, hours=4, organisation=org, stated_category=BookerCategory.LOCAL_NONPROFIT)
    )

    assert category == BookerCategory.COMMERCIAL  # the organisation's papers decide ...
    assert WarningCode.CATEGORY_STATED_OVERRULED in quote.warnings  # ... and the form says so
    with translation.override("de"):
        assert any("Hausverwaltung" in text for text in quote.warning_texts)


def test_setting_a_category_needs_house_management_a_reason_and_a_future_review(manager, reception):
    org = initiative()
    values = {
        "organisation": org,
        "category": BookerCategory.LOCAL_NONPROFIT,
        "reason": "Initiative",
        "review_on": review_date(),
    }

    with pytest.raises(PermissionError):
        set_organisation_category(actor=reception, **values)
    with pytest.raises(BookingError) as no_reason:
        set_organisation_category(actor=manager, **{**values, "reason": "  "})
    with pytest.raises(BookingError) as past:
        set_organisation_category(actor=manager, **{**values, "review_on": timezone.localdate()})

    assert (no_reason.value.field, past.value.field) == ("reason", "review_on")
    assert not OrganisationCategory.objects.exists()


def test_category_page_sets_logs_and_flags_decisions_past_their_review(client, manager):
    org, stale = initiative(), OrganisationFactory(name="Altverein", nonprofit_notice_date=None)
    OrganisationCategory.objects.create(
        organisation=stale,
        category=BookerCategory.LOCAL_NONPROFIT,
        reason="Seit Jahren im Haus",
        review_on=timezone.localdate() - dt.timedelta(days=1),
    )
    client.force_login(manager)

    response = client.post(
        reverse("rooms:category_edit", args=[org.pk]),
        {
            "category": BookerCategory.LOCAL_NONPROFIT,
            "reason": "Nachbarschaftsinitiative",
            "review_on": review_date().isoformat(),
            "action": "save",
        },
    )
    listing = client.get(reverse("rooms:category_list"))
    entry = ActivityLog.objects.for_object(org).get()

    assert response.status_code == 302
    assert OrganisationCategory.objects.get(organisation=org).reason == "Nachbarschaftsinitiative"
    assert entry.action_type == activity.CATEGORY_SET
    assert listing.text.index("Altverein") < listing.text.index("Nachbarschaft Nord")
    assert listing.text.count('data-testid="review-due"') == 1
    assert 'data-testid="categories-due"' in listing.text


def test_category_page_refuses_bad_input_without_saving(client, manager):
    org = initiative()
    client.force_login(manager)

    response = client.post(
        reverse("rooms:category_edit", args=[org.pk]),
        {"category": "royalty", "reason": "", "review_on": "gestern", "action": "save"},
    )

    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not OrganisationCategory.objects.exists()


def test_category_pages_are_house_managements(client, reception):
    org = initiative()
    client.force_login(reception)

    assert client.get(reverse("rooms:category_list")).status_code == 403
    assert client.get(reverse("rooms:category_edit", args=[org.pk])).status_code == 403


# --- the free monthly quota covers its purposes --------------------------------------


def _first_weekday_of_next_month():
    day = (timezone.localdate().replace(day=1) + dt.timedelta(days=40)).replace(day=3)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def test_a_tenants_commercial_event_does_not_use_up_its_free_hours():
    room, tenant = RoomFactory(), OrganisationFactory(kind="tenant")
    first = _first_weekday_of_next_month()
    request_booking(
        actor=None,
        draft=draft(room, first, hours=9, organisation=tenant, purpose=Purpose.COMMERCIAL),
    )

    _category, quote = quote_draft(
        draft(room, first + dt.timedelta(days=7), hours=3, organisation=tenant)
    )

    assert quote.net == D("0.00")  # all 10 free hours are left for non-profit use
    assert quote.lines[0].code == LineCode.FREE_QUOTA


def test_a_quota_that_names_commercial_use_counts_it():
    room, tenant = RoomFactory(), OrganisationFactory(kind="tenant")
    rule = FeeRule.objects.get(category=BookerCategory.TENANT, purpose=Purpose.NONPROFIT)
    rule.quota_purposes = [Purpose.NONPROFIT, Purpose.COMMERCIAL]
    rule.save()
    first = _first_weekday_of_next_month()
    request_booking(
        actor=None,
        draft=draft(room, first, hours=9, organisation=tenant, purpose=Purpose.COMMERCIAL),
    )

    _category, quote = quote_draft(
        draft(room, first + dt.timedelta(days=7), hours=3, organisation=tenant)
    )

    assert quote.net == D("24.00")  # 1 free hour left, 2 hours at 12 €


# --- a volunteer's celebration is judged on its day ------------------------------------


def test_public_form_judges_tenure_on_the_day_of_the_celebration(client):
    volunteer = regular_volunteer(days=360)  # their year is complete in five days
    client.force_login(volunteer)
    room = RoomFactory()
    url = reverse("rooms:request", args=[room.slug])
    too_early = next_weekday_at(10, days_ahead=1)
    in_time = next_weekday_at(10, days_ahead=40)

    form_page = client.get(url)
    refused = client.post(
        url,
        {**_request(too_early), "purpose": "private_celebration"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    client.post(url, {**_request(in_time), "purpose": "private_celebration"})

    assert 'value="private_celebration"' in form_page.text
    assert refused.status_code == 200
    assert "am Tag der Feier" in refused.text
    booking = Booking.objects.get()
    assert booking.person == volunteer
    assert timezone.localtime(booking.start).date() == in_time.date()


def _request(start):
    return {
        "date": start.date().isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "title": "Geburtstag",
        "attendees": 12,
        "layout": "boardroom",
        "stated_category": "private_person",
        "contact_name": "Mara Jansen",
        "contact_email": "mara@example.org",
        "website": "",
    }


# --- a two-day conference pays its flat fee once ---------------------------------------


def _conference(room, start, **extra):
    """Seed 003: about 60 participants, 09:30-15:30, a commercial organiser."""
    return draft(
        room,
        start,
        hours=6,
        title="Gemeinsam Zukunft schaffen im Quartier",
        attendees=60,
        layout="theatre",
        purpose=Purpose.COMMERCIAL,
        organisation=OrganisationFactory(kind="external", nonprofit_notice_date=None),
        **extra,
    )


def test_two_day_conference_is_one_event_with_one_fee(reception):
    room = RoomFactory(capacities={"theatre": 80, "boardroom": 20})
    start = next_weekday_at(9, 30, days_ahead=10)
    while start.weekday() > 3:  # two weekdays in a row
        start += dt.timedelta(days=1)

    _category, preview = quote_event(_conference(room, start), 2, actor=reception)
    series, (first, second) = book_event(actor=reception, draft=_conference(room, start), days=2)

    assert preview.gross == D("297.50")  # 250 € once, + 19 %, not twice
    assert (first.gross, second.gross) == (D("297.50"), D("0.00"))
    assert series.is_event
    assert second.frozen_quote().lines[0].code == LineCode.EVENT_DAY
    days = sorted(timezone.localtime(o.blocked_from).date() for o in Occupancy.objects.all())
    assert days == [start.date(), start.date() + dt.timedelta(days=1)]


def test_an_event_with_a_taken_day_books_no_day(reception):
    room = RoomFactory(capacities={"theatre": 80, "boardroom": 20})
    start = next_weekday_at(9, 30, days_ahead=10)
    while start.weekday() > 3:
        start += dt.timedelta(days=1)
    book_room(actor=reception, draft=draft(room, start + dt.timedelta(days=1), hours=2))

    with pytest.raises(BookingError) as error:
        book_event(actor=reception, draft=_conference(room, start), days=2)

    assert error.value.field == "event_days"
    assert Booking.objects.count() == 1


def test_reception_form_quotes_and_books_a_two_day_event(client, reception):
    client.force_login(reception)
    room = RoomFactory(capacities={"theatre": 80, "boardroom": 20})
    start = next_weekday_at(9, 30, days_ahead=10)
    while start.weekday() > 3:
        start += dt.timedelta(days=1)
    org = OrganisationFactory(kind="external", nonprofit_notice_date=None)
    data = {
        "room": room.pk,
        "organisation": org.pk,
        "date": start.date().isoformat(),
        "start_time": "09:30",
        "end_time": "15:30",
        "event_days": 2,
        "title": "Fachtag Quartier",
        "purpose": "commercial",
        "attendees": 60,
        "layout": "theatre",
    }

    preview = client.post(reverse("rooms:reception_book"), {**data, "action": "quote"})
    booked = client.post(reverse("rooms:reception_book"), {**data, "action": "book"})

    assert "297,50" in preview.text or "297.50" in preview.text
    assert booked.status_code == 302
    assert Booking.objects.count() == 2
    assert sum(b.gross for b in Booking.objects.all()) == D("297.50")


# --- evening surcharges are data on the fee rules ------------------------------------


def test_evening_surcharge_from_the_fee_rule_is_a_line_of_the_quote():
    rule = FeeRule.objects.get(category=BookerCategory.COMMERCIAL, purpose=Purpose.NONPROFIT)
    FeeSurcharge.objects.create(
        rule=rule,
        name="Abendzuschlag",
        name_en="Evening surcharge",
        weekdays=[0, 1, 2, 3, 4],
        starts=dt.time(18),
        percent=D("25"),
    )
    room, org = RoomFactory(), initiative()

    _c, evening = quote_draft(draft(room, next_weekday_at(18), hours=3, organisation=org))
    _c, morning = quote_draft(draft(room, next_weekday_at(9), hours=3, organisation=org))

    surcharge = [line for line in evening.lines if line.code == LineCode.SURCHARGE]
    assert [line.amount for line in surcharge] == [D("45.00")]  # 25 % of the 180 € half day
    assert evening.net == D("225.00")
    assert not [line for line in morning.lines if line.code == LineCode.SURCHARGE]
    with translation.override("en"):
        assert surcharge[0].label == "Evening surcharge, 3 h"
