"""Staff enrolment: an invitation carries a one-time link (password, then the second
factor), and a staff role without a second factor ends after STAFF_ENROLMENT_DAYS."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.core import mail
from django.utils import timezone

from house import enrolment
from house.models import ActivityLog, OutboxEmail, Role, User
from house.permissions import requires_mfa
from house.tasks import expire_unenrolled_staff_task
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory, staff_user

pytestmark = pytest.mark.django_db

ROLES_URL = "/staff/roles/"
RECEPTION_URL = "/reception/"
NEW_PASSWORD = "Ein-neues-Passwort-2026"


@pytest.fixture
def manager(client, house):
    person = staff_user(Role.HOUSE_MANAGEMENT, name="Miriam Adler")
    client.force_login(person)
    return person


def _link_in(message) -> str:
    match = re.search(r"https?://\S+/staff/enrol/\S+/", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def _invite(client, email="neu@example.org", role=Role.RECEPTION, name="Nele Neumann"):
    return client.post(
        ROLES_URL, {"action": "assign", "email": email, "role": role.value, "name": name}
    )


def test_house_management_invites_a_person_without_an_account_with_a_one_time_link(
    client, manager, django_capture_on_commit_callbacks, settings
):
    settings.STAFF_ENROLMENT_DAYS = 7
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client)

    assert response.status_code == 302
    person = User.objects.get(email="neu@example.org")
    assert person.name == "Nele Neumann"
    assert not person.has_usable_password()
    assert Role.RECEPTION.value in person.role_names
    due = person.staff_enrolment_due
    assert due is not None
    assert abs(due - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)
    (message,) = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "/staff/enrol/" in message.body
    # Reception reads the outbox: the sent link is not kept there for anyone to use first.
    (kept,) = OutboxEmail.objects.filter(kind="house.staff_enrolment")
    assert kept.status == OutboxEmail.Status.SENT
    assert "/staff/enrol/" not in kept.body_text + kept.body_html


def test_without_a_name_an_unknown_address_is_refused_with_a_message(client, manager):
    response = _invite(client, name="")

    assert response.status_code == 200
    assert "Namen" in response.text
    assert not User.objects.filter(email="neu@example.org").exists()


def test_the_link_sets_the_password_signs_in_and_leads_to_the_second_factor(
    client, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client)
    link = _link_in(mail.outbox[0])
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert "Zugang" in page.text
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    person = User.objects.get(email="neu@example.org")
    assert person.check_password(NEW_PASSWORD)
    # Signed in, and the set-up opens without asking for the password just chosen.
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    # The link worked once.
    client.logout()
    again = client.get(link)
    assert again.status_code == 404
    assert "nicht mehr gültig" in again.text


def test_a_link_replaced_by_a_newer_one_or_past_its_date_no_longer_works(
    client, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client)
    person = User.objects.get(email="neu@example.org")
    first = enrolment.make_token(person)
    assert enrolment.user_for_token(first) == person

    enrolment.open_enrolment(
        user=person, send_link=True, now=timezone.now() + dt.timedelta(hours=1)
    )
    person.refresh_from_db()
    assert enrolment.user_for_token(first) is None
    second = enrolment.make_token(person)
    assert enrolment.user_for_token(second) == person
    later = person.staff_enrolment_due + dt.timedelta(seconds=1)
    assert enrolment.user_for_token(second, now=later) is None
    assert enrolment.user_for_token("kaputt") is None
    assert client.get("/staff/enrol/kaputt/").status_code == 404


def test_setting_up_the_second_factor_ends_the_deadline(rf):
    person = UserFactory(roles=[Role.RECEPTION])
    assert person.staff_enrolment_due is not None
    authenticator = Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )

    authenticator_added.send(
        sender=Authenticator, request=rf.get("/"), user=person, authenticator=authenticator
    )

    person.refresh_from_db()
    assert person.staff_enrolment_due is None


def test_unenrolled_staff_lose_their_staff_roles_after_the_deadline():
    overdue = UserFactory(roles=[Role.RECEPTION, Role.MENTOR])
    waiting = UserFactory(roles=[Role.VOLUNTEER_COORDINATION])
    enrolled = staff_user(Role.HOUSE_MANAGEMENT)
    past = timezone.now() - dt.timedelta(minutes=1)
    User.objects.filter(pk__in=[overdue.pk, enrolled.pk]).update(staff_enrolment_due=past)

    assert expire_unenrolled_staff_task() == 1

    overdue = User.objects.get(pk=overdue.pk)
    assert overdue.role_names == {Role.MENTOR.value}  # only the staff roles end
    assert not overdue.is_staff
    assert not requires_mfa(overdue)
    assert ActivityLog.objects.filter(action_type="house.staff.enrolment_expired").count() == 1
    assert Role.VOLUNTEER_COORDINATION.value in User.objects.get(pk=waiting.pk).role_names
    assert Role.HOUSE_MANAGEMENT.value in User.objects.get(pk=enrolled.pk).role_names


def test_staff_without_a_deadline_get_one_from_the_periodic_task(settings):
    settings.STAFF_ENROLMENT_DAYS = 7
    legacy = User.objects.create_superuser(email="root@example.org", password=PASSWORD, name="Ops")
    assert legacy.staff_enrolment_due is None

    assert enrolment.expire_unenrolled_staff() == 0

    legacy.refresh_from_db()
    assert legacy.staff_enrolment_due is not None
    later = legacy.staff_enrolment_due + dt.timedelta(seconds=1)
    assert enrolment.expire_unenrolled_staff(now=later) == 1
    legacy.refresh_from_db()
    assert not legacy.is_superuser
    assert not legacy.is_staff


def test_a_password_sign_in_after_the_deadline_finds_no_staff_access(client, house):
    """The check at sign-in: the periodic task need not have run yet."""
    person = UserFactory(email="spaet@example.org", roles=[Role.RECEPTION])
    User.objects.filter(pk=person.pk).update(
        staff_enrolment_due=timezone.now() - dt.timedelta(minutes=1)
    )

    client.post("/accounts/login/", {"login": "spaet@example.org", "password": PASSWORD})
    response = client.get(RECEPTION_URL, follow=True)

    person = User.objects.get(pk=person.pk)
    assert Role.RECEPTION.value not in person.role_names
    assert "nicht rechtzeitig" in response.text
    assert client.get(RECEPTION_URL).status_code == 403


def test_within_the_deadline_staff_without_a_second_factor_see_only_its_set_up(client, house):
    person = UserFactory(email="frisch@example.org", roles=[Role.RECEPTION])

    client.post("/accounts/login/", {"login": "frisch@example.org", "password": PASSWORD})
    response = client.get("/my-area/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    person.refresh_from_db()
    assert person.staff_enrolment_due > timezone.now()


def test_the_deadline_is_part_of_the_personal_data_export():
    from house.privacy import export_person

    person = UserFactory(roles=[Role.RECEPTION])

    exported = export_person(user=person)

    assert exported["house"]["person"]["second_factor_due_by"] == (
        person.staff_enrolment_due.isoformat()
    )
