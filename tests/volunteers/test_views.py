"""Pages of the volunteer area: public, the volunteer's own and the coordination's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from house.models import OutboxEmail
from house.roles import Role
from house.volunteers.models import Assignment, Certificate, Interest, VolunteerProfile
from house.volunteers.services import hours, people, shifts
from tests.factories import UserFactory, staff_user
from tests.volunteers.factories import (
    OpportunityFactory,
    ShiftFactory,
    coordinator,
    in_days,
    volunteer,
)

pytestmark = pytest.mark.django_db


# --- public -------------------------------------------------------------------------------


def test_the_public_page_lists_published_opportunities_only(client):
    OpportunityFactory(title="Café im Stadthaus")
    OpportunityFactory(title="Geheimer Entwurf", is_published=False)

    page = client.get(reverse("volunteers:opportunities")).content.decode()

    assert "Café im Stadthaus" in page
    assert "Geheimer Entwurf" not in page


def test_an_unpublished_opportunity_is_not_found(client):
    hidden = OpportunityFactory(is_published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_interest_without_an_account_is_saved_and_the_coordination_told(client):
    staff = coordinator()
    opportunity = OpportunityFactory()

    response = client.post(
        opportunity.get_absolute_url(),
        {"name": "Hanna Sommer", "phone": "0511 123456", "consent": "on"},
    )

    assert response.status_code == 302
    assert Interest.objects.get().name == "Hanna Sommer"
    assert OutboxEmail.objects.filter(to=[staff.email], kind="volunteers.interest").exists()


def test_interest_needs_a_way_back_and_consent(client):
    opportunity = OpportunityFactory()
    response = client.post(opportunity.get_absolute_url(), {"name": "Hanna Sommer"})
    assert response.status_code == 200
    assert not Interest.objects.exists()


def test_the_honeypot_saves_nothing(client):
    opportunity = OpportunityFactory()
    response = client.post(
        opportunity.get_absolute_url(),
        {"name": "Bot", "email": "bot@example.org", "consent": "on", "homepage": "http://spam"},
    )
    assert response.status_code == 302
    assert not Interest.objects.exists()


def test_interest_is_rate_limited_per_address(client):
    opportunity = OpportunityFactory()
    data = {"name": "Hanna", "email": "hanna@example.org", "consent": "on"}
    for _ in range(5):
        client.post(opportunity.get_absolute_url(), data)
    response = client.post(opportunity.get_absolute_url(), data)
    assert response.status_code == 429
    assert Interest.objects.count() == 5


def test_the_verify_page_confirms_a_genuine_code_and_refuses_others(client):
    profile = volunteer(name="Karin Schulz")
    day = timezone.localdate() - dt.timedelta(days=2)
    hours.record_manual_hours(
        profile=profile, day=day, minutes=120, description="Café", actor=coordinator()
    )
    certificate = hours.issue_certificate(profile=profile, start=day, end=day, actor=profile.user)

    genuine = client.get(reverse("volunteers:verify"), {"code": certificate.code})
    forged = client.get(reverse("volunteers:verify"), {"code": "ABCDEFGHJK"})

    assert "Karin Schulz" in genuine.content.decode()
    assert "Karin Schulz" not in forged.content.decode()


# --- the volunteer ----------------------------------------------------------------------


def test_registration_records_consent_per_purpose(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("volunteers:register"),
        {
            "contact_channel": "email",
            "interests": "Café, Lesen",
            "available_weekdays": ["0", "2"],
            "consent_registry": "on",
            "consent_contact": "on",
        },
    )

    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.available_weekdays == [0, 2]
    assert set(profile.consents.values_list("purpose", flat=True)) == {"registry", "contact"}
    assert profile.show_name_on_lists is False


def test_registration_without_the_registry_consent_saves_nothing(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("volunteers:register"), {"contact_channel": "email"})
    assert response.status_code == 200
    assert not VolunteerProfile.objects.exists()


def test_withdrawing_consent_to_keep_the_profile_ends_the_registration(client):
    profile = volunteer()
    shift = ShiftFactory()
    shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
    client.force_login(profile.user)

    client.post(reverse("volunteers:consent"), {"purpose": "registry", "action": "withdraw"})

    profile.refresh_from_db()
    assert profile.is_active is False
    assert shift.assignments.holding().count() == 0


def test_a_volunteer_signs_up_on_the_shift_page(client):
    profile = volunteer()
    shift = ShiftFactory()
    client.force_login(profile.user)

    response = client.post(reverse("volunteers:shift", kwargs={"pk": shift.pk}))

    assert response.status_code == 302
    assert shift.assignments.get().status == Assignment.Status.CONFIRMED


def test_shift_lists_show_names_only_of_those_who_chose_so(client):
    shown = volunteer(name="Sichtbar Sonja")
    hidden = volunteer(name="Verborgen Viktor")
    people.update_profile(profile=hidden, actor=hidden.user, details={"show_name_on_lists": False})
    shift = ShiftFactory()
    shifts.sign_up(shift=shift, profile=shown, actor=shown.user)
    shifts.sign_up(shift=shift, profile=hidden, actor=hidden.user)
    viewer = volunteer()
    client.force_login(viewer.user)

    page = client.get(reverse("volunteers:shift", kwargs={"pk": shift.pk})).content.decode()

    assert "Sichtbar" in page
    assert "Verborgen" not in page


def test_someone_elses_assignment_cannot_be_cancelled(client):
    owner, other = volunteer(), volunteer()
    assignment = shifts.sign_up(shift=ShiftFactory(), profile=owner, actor=owner.user)
    client.force_login(other.user)

    response = client.post(reverse("volunteers:cancel", kwargs={"pk": assignment.pk}))

    assert response.status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.CONFIRMED


def test_my_shifts_show_only_my_own(client):
    mine, theirs = volunteer(), volunteer()
    shifts.sign_up(shift=ShiftFactory(title="Meine Schicht"), profile=mine, actor=mine.user)
    shifts.sign_up(shift=ShiftFactory(title="Fremde Schicht"), profile=theirs, actor=theirs.user)
    client.force_login(mine.user)

    page = client.get(reverse("volunteers:my_shifts")).content.decode()

    assert "Meine Schicht" in page
    assert "Fremde Schicht" not in page


def test_a_person_without_profile_is_sent_to_the_registration(client):
    client.force_login(UserFactory())
    response = client.get(reverse("volunteers:my_shifts"))
    assert response.url == reverse("volunteers:register")


def test_the_personal_feed_carries_the_uids_of_the_invitations(client):
    profile = volunteer()
    assignment = shifts.sign_up(shift=ShiftFactory(), profile=profile, actor=profile.user)
    invitation = OutboxEmail.objects.get(kind="volunteers.signed_up")

    feed = client.get(reverse("volunteers:feed", kwargs={"token": profile.feed_token}))

    uid = f"volunteer-shift-{assignment.pk}@"
    assert feed.status_code == 200
    assert uid in feed.content.decode().replace("\r\n ", "")
    assert uid in invitation.attachments[0]["content"].replace("\r\n ", "")
    assert "METHOD" not in feed.content.decode()


def test_an_unknown_feed_token_is_not_found(client):
    volunteer()
    assert client.get(reverse("volunteers:feed", kwargs={"token": "nope"})).status_code == 404


def test_a_certificate_pdf_is_for_its_holder_and_the_coordination_only(client):
    profile = volunteer()
    day = timezone.localdate() - dt.timedelta(days=1)
    hours.record_manual_hours(
        profile=profile, day=day, minutes=60, description="Café", actor=coordinator()
    )
    certificate = hours.issue_certificate(profile=profile, start=day, end=day, actor=profile.user)
    url = reverse("volunteers:certificate", kwargs={"code": certificate.code})

    client.force_login(volunteer().user)
    outsider = client.get(url)
    client.force_login(profile.user)
    holder = client.get(url)

    assert outsider.status_code == 404
    assert holder.status_code == 200
    assert holder["Content-Type"] == "application/pdf"
    assert Certificate.objects.count() == 1


@pytest.mark.parametrize("count", [1, 3])
def test_the_shift_list_needs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    profile = volunteer()
    for i in range(count):
        ShiftFactory(start=in_days(2 + i, 9))
    client.force_login(profile.user)

    # main loads the signed-in user in one query and reads its house roles in one of their own
    with django_assert_num_queries(6):
        response = client.get(reverse("volunteers:shifts"))
    assert response.status_code == 200


# --- the coordination ---------------------------------------------------------------------

COORDINATION_PAGES = [
    ("volunteers:coordination", {}),
    ("volunteers:plan", {}),
    ("volunteers:coordination_volunteers", {}),
    ("volunteers:interests", {}),
    ("volunteers:register_on_behalf", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), COORDINATION_PAGES)
def test_coordination_pages_are_refused_to_volunteers(client, name, kwargs):
    profile = volunteer(name="Leaky Lena")
    client.force_login(volunteer().user)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 403
    assert profile.name not in response.content.decode()


def test_a_volunteers_page_with_notes_is_refused_to_other_volunteers(client):
    profile = volunteer()
    people.set_coordinator_notes(profile=profile, actor=coordinator(), notes="Nur für uns")
    client.force_login(volunteer().user)

    response = client.get(reverse("volunteers:coordination_volunteer", kwargs={"pk": profile.pk}))

    assert response.status_code == 403
    assert "Nur für uns" not in response.content.decode()


def test_coordinator_notes_are_not_shown_to_the_volunteer(client):
    profile = volunteer()
    people.set_coordinator_notes(profile=profile, actor=coordinator(), notes="Nur für uns")
    client.force_login(profile.user)

    page = client.get(reverse("volunteers:profile")).content.decode()

    assert "Nur für uns" not in page


def test_the_coordinator_sees_the_week_with_who_is_missing(client):
    staff = coordinator()
    ShiftFactory(title="Café Montag", min_staff=2, start=in_days(1, 9))
    client.force_login(staff)

    page = client.get(
        reverse("volunteers:coordination"),
        {"week": (timezone.localdate() + dt.timedelta(days=1)).isoformat()},
    ).content.decode()

    assert "Café Montag" in page
    assert "0 of at least 2" in page or "0 von mindestens 2" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_week_needs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    staff = coordinator()
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    for i in range(count):
        ShiftFactory(
            start=dt.datetime.combine(monday + dt.timedelta(days=i), dt.time(9), tzinfo=dt.UTC)
        )
    client.force_login(staff)

    # main loads the signed-in user in one query and reads its house roles in one of their own
    with django_assert_num_queries(6):
        response = client.get(reverse("volunteers:coordination"), {"week": monday.isoformat()})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_volunteer_list_needs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    staff = coordinator()
    for _ in range(count):
        volunteer()
    client.force_login(staff)

    # main loads the signed-in user in one query and reads its house roles in one of their own
    with django_assert_num_queries(4):
        response = client.get(reverse("volunteers:coordination_volunteers"))
    assert response.status_code == 200


def test_the_coordinator_registers_a_person_by_phone_with_paper_consent(client):
    staff = coordinator()
    client.force_login(staff)

    response = client.post(
        reverse("volunteers:register_on_behalf"),
        {
            "name": "Erna Alt",
            "phone": "05102 4711",
            "contact_channel": "phone",
            "consent_registry": "on",
        },
    )

    profile = VolunteerProfile.objects.get(name="Erna Alt")
    assert response.status_code == 302
    assert profile.user is None
    assert profile.registered_by == staff
    assert profile.consents.get().channel == "paper"


def test_the_coordinator_records_attendance_after_the_shift(client):
    staff = coordinator()
    profile = volunteer()
    shift = ShiftFactory(start=timezone.now() + dt.timedelta(hours=1))
    assignment = shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
    shift.start = timezone.now() - dt.timedelta(hours=4)
    shift.end = timezone.now() - dt.timedelta(hours=1)
    shift.save()
    client.force_login(staff)

    client.post(
        reverse("volunteers:attendance", kwargs={"pk": assignment.pk}), {"attendance": "came"}
    )

    assert profile.hours.get().minutes == 180


def test_the_printable_plan_names_the_team(client):
    staff = coordinator()
    profile = volunteer(name="Karin Schulz")
    shift = ShiftFactory(start=in_days(1, 9))
    shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
    client.force_login(staff)

    page = client.get(
        reverse("volunteers:plan"), {"week": timezone.localtime(shift.start).date().isoformat()}
    ).content.decode()

    assert "Karin Schulz" in page


def test_house_management_decides_tenure_and_the_coordination_may_not(client):
    profile = volunteer()
    url = reverse("volunteers:tenure", kwargs={"pk": profile.pk})
    client.force_login(coordinator())
    refused = client.post(url, {"qualifies": "yes", "reason": "Vorstand"})
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    decided = client.post(url, {"qualifies": "yes", "reason": "Vorstand"})

    assert refused.status_code == 403
    assert decided.status_code == 302
    assert profile.tenure_overrides.get().reason == "Vorstand"


def test_the_coordinator_plans_a_month_of_cafe_shifts_on_weekdays(client):
    staff = coordinator()
    cafe = OpportunityFactory(title="Café")
    client.force_login(staff)
    first = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())

    response = client.post(
        reverse("volunteers:planning"),
        {
            "form": "series",
            "series-opportunity": cafe.pk,
            "series-title": "Café Vormittag",
            "series-weekdays": ["0", "1", "2", "3", "4"],
            "series-first_day": first.isoformat(),
            "series-last_day": (first + dt.timedelta(days=27)).isoformat(),
            "series-start_time": "09:00",
            "series-end_time": "12:30",
            "series-min_staff": "2",
            "series-max_staff": "3",
            "series-reserved_places": "0",
            "series-reserved_open_days": "3",
        },
    )

    assert response.status_code == 302
    assert cafe.shifts.count() == 20


def test_planning_is_refused_to_volunteers(client):
    client.force_login(volunteer().user)
    assert client.get(reverse("volunteers:planning")).status_code == 403


def test_the_coordinator_records_qualifications_a_conduct_inspection_and_allowances(client):
    from decimal import Decimal

    from house.volunteers.models import AllowancePayment, Qualification, QualificationType

    profile = volunteer(name="Rita Rüstig")
    client.force_login(coordinator())
    page = reverse("volunteers:coordination_volunteer", kwargs={"pk": profile.pk})
    general = QualificationType.objects.filter(kind=QualificationType.Kind.GENERAL).first()
    today = timezone.localdate()

    url = reverse("volunteers:add_qualification", kwargs={"pk": profile.pk})
    response = client.post(url, {"kind": general.pk, "valid_from": "gestern"}, follow=True)
    assert "Bitte prüfen Sie die Daten der Qualifikation." in response.content.decode()
    assert not Qualification.objects.filter(profile=profile).exists()
    response = client.post(url, {"kind": general.pk, "valid_from": today.isoformat()})
    assert response.url == page
    assert Qualification.objects.filter(profile=profile, kind=general).exists()

    url = reverse("volunteers:add_conduct_certificate", kwargs={"pk": profile.pk})
    client.post(url, {"issued_on": today.isoformat(), "has_relevant_entry": "no"})  # not seen
    conduct = Qualification.objects.filter(
        profile=profile, kind__kind=QualificationType.Kind.CONDUCT_CERTIFICATE
    )
    assert not conduct.exists()
    response = client.post(
        url, {"issued_on": today.isoformat(), "has_relevant_entry": "no", "seen": "on"}, follow=True
    )
    assert "Einsichtnahme in das Führungszeugnis erfasst." in response.content.decode()
    assert conduct.exists()

    url = reverse("volunteers:add_allowance", kwargs={"pk": profile.pk})
    client.post(url, {"paid_on": today.isoformat(), "amount": "100.00"})
    response = client.post(url, {"paid_on": today.isoformat(), "amount": "5000.00"}, follow=True)
    assert response.redirect_chain[-1][0] == page
    assert AllowancePayment.objects.filter(profile=profile).get().amount == Decimal("100.00")
    response = client.post(
        url,
        {"paid_on": today.isoformat(), "amount": "5000.00", "accept_over_limit": "on"},
        follow=True,
    )
    assert "Aufwandsentschädigung erfasst." in response.content.decode()
    assert AllowancePayment.objects.filter(profile=profile).count() == 2
