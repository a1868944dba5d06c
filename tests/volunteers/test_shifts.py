"""Signing up for shifts: places, clashes, qualifications, the waiting list, stand-ins."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.ical import BERLIN
from house.models import ClosureDay
from house.volunteers.models import Assignment, ShiftSeries, StandInOffer
from house.volunteers.services import VolunteerError, qualifications, shifts, standins
from tests.volunteers.factories import (
    OpportunityFactory,
    ShiftFactory,
    coordinator,
    in_days,
    kind,
    sent_to,
    volunteer,
)

pytestmark = pytest.mark.django_db


def _sign(shift, profile):
    return shifts.sign_up(shift=shift, profile=profile, actor=profile.user)


def test_sign_up_takes_a_place_and_sends_an_invitation_with_the_assignment_uid():
    shift = ShiftFactory(max_staff=2)
    anna = volunteer(name="Anna Berg")

    assignment = _sign(shift, anna)

    assert assignment.status == Assignment.Status.CONFIRMED
    (message,) = sent_to(anna.user.email)
    content = message.attachments[0]["content"]
    assert f"UID:volunteer-shift-{assignment.pk}@" in content.replace("\r\n ", "")
    assert "METHOD:REQUEST" in content


def test_a_full_shift_puts_the_next_volunteer_on_the_waiting_list():
    shift = ShiftFactory(min_staff=1, max_staff=1)
    first, second = volunteer(), volunteer()

    _sign(shift, first)
    waiting = _sign(shift, second)

    assert waiting.status == Assignment.Status.WAITING
    assert shift.assignments.holding().count() == 1


def test_a_full_shift_refuses_when_the_volunteer_does_not_want_to_wait():
    shift = ShiftFactory(min_staff=1, max_staff=1)
    _sign(shift, volunteer())
    late = volunteer()
    with pytest.raises(shifts.ShiftFullError):
        shifts.sign_up(shift=shift, profile=late, actor=late.user, wait_if_full=False)


def test_signing_up_twice_is_refused():
    shift = ShiftFactory()
    anna = volunteer()
    _sign(shift, anna)
    with pytest.raises(VolunteerError, match="bereits"):
        _sign(shift, anna)


def test_a_clashing_shift_is_refused_with_the_clash_named():
    anna = volunteer()
    morning = ShiftFactory(title="Café Vormittag", start=in_days(4, 9), end=in_days(4, 12))
    overlapping = ShiftFactory(title="Hausaufgabenhilfe", start=in_days(4, 11), end=in_days(4, 14))
    _sign(morning, anna)

    with pytest.raises(VolunteerError) as refused:
        _sign(overlapping, anna)

    assert "Café Vormittag" in refused.value.message


def test_handing_over_within_the_grace_period_is_not_a_clash():
    anna = volunteer()
    _sign(ShiftFactory(start=in_days(4, 9), end=in_days(4, 12, 10)), anna)
    afternoon = ShiftFactory(start=in_days(4, 12), end=in_days(4, 15))

    assert _sign(afternoon, anna).status == Assignment.Status.CONFIRMED


def test_a_shift_needing_food_hygiene_refuses_without_it_and_with_an_expired_one():
    hygiene = kind("lebensmittelhygiene")
    opportunity = OpportunityFactory()
    opportunity.required_qualifications.add(hygiene)
    shift = shifts.create_shift(
        opportunity=opportunity, title="Café", start=in_days(5, 9), end=in_days(5, 12)
    )
    anna, ben = volunteer(), volunteer()
    qualifications.record_qualification(
        profile=ben,
        kind=hygiene,
        valid_from=timezone.localdate() - dt.timedelta(days=800),
        valid_until=timezone.localdate() + dt.timedelta(days=2),
        actor=coordinator(),
    )

    with pytest.raises(VolunteerError, match="Lebensmittelhygiene"):
        _sign(shift, anna)
    with pytest.raises(VolunteerError, match="Lebensmittelhygiene"):
        _sign(shift, ben)  # it ends before the shift's day


def test_reserved_places_stay_for_trained_staff_until_they_open():
    hygiene = kind("lebensmittelhygiene")
    shift = ShiftFactory(
        max_staff=2,
        min_staff=1,
        reserved_places=1,
        reserved_for=hygiene,
        reserved_open_days=2,
        start=in_days(6, 9),
        end=in_days(6, 12),
    )
    untrained_a, untrained_b = volunteer(), volunteer()

    first = _sign(shift, untrained_a)
    second = _sign(shift, untrained_b)

    assert first.status == Assignment.Status.CONFIRMED
    assert second.status == Assignment.Status.WAITING
    shift.reserved_open_days = 10  # now inside the opening window
    shift.save()
    shifts.cancel_assignment(assignment=second, actor=None)
    assert _sign(shift, untrained_b).status == Assignment.Status.CONFIRMED


def test_a_freed_place_is_offered_to_the_first_waiting_who_confirms_by_link():
    shift = ShiftFactory(min_staff=1, max_staff=1)
    holder, waiting, later = volunteer(), volunteer(), volunteer()
    held = _sign(shift, holder)
    first_waiting = _sign(shift, waiting)
    _sign(shift, later)

    shifts.cancel_assignment(assignment=held, actor=holder.user)
    first_waiting.refresh_from_db()

    assert first_waiting.status == Assignment.Status.OFFERED
    assert first_waiting.offer_expires_at <= shift.start
    assert first_waiting.token in sent_to(waiting.user.email)[-1].body_text
    confirmed = shifts.confirm_offer(token=first_waiting.token)
    assert confirmed.status == Assignment.Status.CONFIRMED


def test_an_offer_not_confirmed_in_time_goes_to_the_next_person():
    shift = ShiftFactory(min_staff=1, max_staff=1)
    holder, waiting, later = volunteer(), volunteer(), volunteer()
    held = _sign(shift, holder)
    offered = _sign(shift, waiting)
    next_in_line = _sign(shift, later)
    shifts.cancel_assignment(assignment=held, actor=None)

    expired = shifts.expire_offers(now=timezone.now() + dt.timedelta(hours=25))

    offered.refresh_from_db()
    next_in_line.refresh_from_db()
    assert expired == 1
    assert offered.status == Assignment.Status.EXPIRED
    assert next_in_line.status == Assignment.Status.OFFERED
    with pytest.raises(VolunteerError):
        shifts.confirm_offer(token=offered.token)


def test_cannot_come_keeps_the_place_until_the_first_stand_in_accepts():
    shift = ShiftFactory(min_staff=1, max_staff=1, start=in_days(3, 14), end=in_days(3, 17))
    holder = volunteer(name="Holger Haas")
    volunteer(name="Carla Chen")
    volunteer(name="Dieter Dahl")
    busy = volunteer(name="Berta Busy")
    _sign(ShiftFactory(start=in_days(3, 13), end=in_days(3, 16)), busy)
    assignment = _sign(shift, holder)

    offers = standins.request_stand_in(assignment=assignment, actor=holder.user)

    asked = {o.candidate.name for o in offers}
    assert asked == {"Carla Chen", "Dieter Dahl"}  # Berta has a clashing shift
    assert shift.assignments.holding().get().profile == holder
    taken = standins.accept_stand_in(token=offers[0].token)
    assert taken.status == Assignment.Status.CONFIRMED
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.HANDED_OVER
    with pytest.raises(VolunteerError, match="jemand anderes"):
        standins.accept_stand_in(token=offers[1].token)
    assert StandInOffer.objects.filter(closed_at__isnull=True).count() == 0


def test_stand_ins_are_asked_least_recently_asked_first():
    shift = ShiftFactory(min_staff=1, max_staff=2)
    holder = volunteer()
    _sign(shift, holder)
    asked_before = volunteer(name="Asked Before")
    asked_before.last_asked_at = timezone.now()
    asked_before.save()
    others = [volunteer(name=f"Never {i}") for i in range(3)]

    matches = standins.best_matches(shift=shift, limit=3)

    assert asked_before not in matches
    assert set(matches) == set(others)
    assert standins.best_matches(shift=shift, limit=10)[-1] == asked_before


def test_series_repeat_in_berlin_wall_clock_time_across_the_clock_change_and_skip_closure_days():
    opportunity = OpportunityFactory()
    ClosureDay.objects.create(date=dt.date(2027, 3, 31), reason="Wartung", kind="maintenance")
    series = ShiftSeries.objects.create(
        opportunity=opportunity,
        title="Café",
        rrule="FREQ=WEEKLY;BYDAY=MO,WE",
        first_day=dt.date(2027, 3, 22),
        last_day=dt.date(2027, 4, 5),
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 0),
    )

    created = shifts.generate_series_shifts(series=series)
    again = shifts.generate_series_shifts(series=series)

    local_starts = [s.start.astimezone(BERLIN) for s in series.shifts.order_by("start")]
    assert created == 4  # 22.3., 24.3., 29.3., 5.4.; 31.3. is closed
    assert again == 0
    assert {t.hour for t in local_starts} == {9}
    assert [t.utcoffset() for t in local_starts] == [
        dt.timedelta(hours=1),
        dt.timedelta(hours=1),
        dt.timedelta(hours=2),
        dt.timedelta(hours=2),
    ]


def test_a_series_expansion_is_bounded():
    series = ShiftSeries.objects.create(
        opportunity=OpportunityFactory(),
        title="Café",
        rrule="FREQ=DAILY",
        first_day=dt.date(2027, 1, 1),
        last_day=dt.date(2030, 12, 31),
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 0),
    )
    assert len(shifts.occurrences(series)) == shifts.MAX_OCCURRENCES


def test_an_invalid_repeat_rule_is_refused_in_words():
    series = ShiftSeries(
        opportunity=OpportunityFactory(),
        title="Café",
        rrule="FREQ=SOMETIMES",
        first_day=dt.date(2027, 1, 1),
        last_day=dt.date(2027, 2, 1),
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 0),
    )
    with pytest.raises(VolunteerError):
        shifts.occurrences(series)
