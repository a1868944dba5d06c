import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail

from house.models import Role, User
from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_signup_records_name_language_and_consent_and_requires_verification(client, house):
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Erika Mustermann",
            "email": "erika@example.org",
            "password1": "ein-sicheres-Passwort-42",
            "password2": "ein-sicheres-Passwort-42",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="erika@example.org")
    assert user.name == "Erika Mustermann"
    assert user.language == "de"
    assert user.privacy_consent_at is not None
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erika@example.org"]
    # Mandatory verification: the account cannot sign in yet.
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "erika@example.org", "password": "ein-sicheres-Passwort-42"}
    )
    assert response["Location"] == "/accounts/confirm-email/"


def test_signup_without_consent_saves_nothing(client, house):
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Erika Mustermann",
            "email": "erika@example.org",
            "password1": "ein-sicheres-Passwort-42",
            "password2": "ein-sicheres-Passwort-42",
        },
    )
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not User.objects.filter(email="erika@example.org").exists()


def test_login_with_email_reaches_personal_area(client, house):
    user = UserFactory(email="mitglied@example.org")
    response = client.post(
        "/accounts/login/", {"login": "MITGLIED@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/my-area/"
    assert response.context["user"] == user


def test_repeated_failed_logins_are_rate_limited(client, house):
    UserFactory(email="ziel@example.org")
    pages = [
        client.post(
            "/accounts/login/", {"login": "ziel@example.org", "password": "falsch"}
        ).content.decode()
        for _ in range(7)
    ]
    refusal = "Zu viele fehlgeschlagene Anmeldeversuche"
    assert refusal not in pages[0]
    assert refusal in pages[-1]
    # Even the right password is refused while the limit holds.
    page = client.post(
        "/accounts/login/", {"login": "ziel@example.org", "password": PASSWORD}
    ).content.decode()
    assert refusal in page


def test_staff_without_mfa_is_sent_to_totp_setup(client, house):
    reception = staff_user(Role.RECEPTION, with_mfa=False)
    client.force_login(reception)
    response = client.get("/my-area/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fmy-area%2F"


def test_staff_with_mfa_is_let_through(client, house):
    client.force_login(staff_user(Role.RECEPTION, with_mfa=True))
    response = client.get("/my-area/")
    assert response.status_code == 200
    assert "Empfang" in response.content.decode()


@pytest.mark.parametrize("role", [Role.MENTOR, Role.CURATORIUM_MEMBER])
def test_non_staff_roles_are_not_forced_into_mfa(client, house, role):
    client.force_login(UserFactory(roles=[role]))
    assert client.get("/my-area/").status_code == 200


def test_admin_login_goes_through_allauth(client, house):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_admin_is_closed_to_people_without_admin_access(client, house):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "/admin/login/" in response["Location"]


def test_house_management_uses_admin_after_mfa(client, house):
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    response = client.get("/admin/house/closureday/")
    assert response.status_code == 200


def test_personal_data_export_contains_only_own_data(client, house):
    me = UserFactory(email="ich@example.org", name="Ich Selbst")
    UserFactory(email="andere@example.org")
    client.force_login(me)
    response = client.get("/my-area/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = response.json()
    assert data["person"]["email"] == "ich@example.org"
    assert data["person"]["privacy_consent_at"]
    assert data["memberships"] == []
    assert data["private_room_bookings"] == []
    assert "andere@example.org" not in response.content.decode()


def test_account_deletion_needs_the_right_email(client, house):
    me = UserFactory(email="ich@example.org")
    client.post("/accounts/login/", {"login": "ich@example.org", "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post("/my-area/delete-account/", {"confirm_email": "falsch@example.org"})
    assert response.status_code == 200
    assert "nicht die E-Mail-Adresse Ihres Kontos" in response.content.decode()
    assert User.objects.filter(pk=me.pk).exists()

    response = client.post("/my-area/delete-account/", {"confirm_email": "ICH@example.org"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=me.pk).exists()
    assert not EmailAddress.objects.filter(email="ich@example.org").exists()


def test_personal_area_requires_login(client, house):
    response = client.get("/my-area/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_personal_data_export_lists_my_private_bookings_only(client, house):
    from tests.rooms.factories import BookingFactory

    me = UserFactory()
    BookingFactory(person=me, title="Geburtstagsfeier Schulz", purpose="private")
    BookingFactory(person=UserFactory(), title="Fremde Feier", purpose="private")
    client.force_login(me)
    data = client.get("/my-area/data.json").json()
    assert [b["title"] for b in data["private_room_bookings"]] == ["Geburtstagsfeier Schulz"]
    assert data["private_room_bookings"][0]["state"] == "confirmed"


def test_deleting_an_account_removes_the_name_from_bookings_and_emails(client, house):
    from house.models import OutboxEmail
    from house.services import delete_account, queue_email
    from tests.rooms.factories import BookingFactory

    me = UserFactory(email="weg@example.org", name="Wera Weg")
    booking = BookingFactory(
        contact_name="Wera Weg", contact_email="WEG@example.org", contact_phone="0561 1"
    )
    other = BookingFactory(contact_name="Bleibt", contact_email="bleibt@example.org")
    queue_email(to=["weg@example.org"], subject="Buchung", text="Hallo Wera Weg")
    queue_email(to=["bleibt@example.org"], subject="Buchung", text="Hallo Bleibt")

    delete_account(user=me)

    booking.refresh_from_db()
    other.refresh_from_db()
    assert (booking.contact_name, booking.contact_email, booking.contact_phone) == ("", "", "")
    assert other.contact_name == "Bleibt"
    texts = sorted(OutboxEmail.objects.values_list("body_text", flat=True))
    assert texts == ["Hallo Bleibt", "[gelöscht]"]


def test_the_last_admin_of_an_organisation_must_hand_over_before_deleting(client, house):
    from tenants.models import Membership, Organisation

    me = UserFactory(email="admin@example.org")
    organisation = Organisation.objects.create(
        name="Verein Beispiel", slug="verein-beispiel", kind="tenant"
    )
    Membership.objects.create(user=me, organisation=organisation, role=Membership.Role.ADMIN)
    client.post("/accounts/login/", {"login": "admin@example.org", "password": PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = client.post(
        "/my-area/delete-account/", {"confirm_email": "admin@example.org"}, follow=True
    )
    assert "einzige Person mit Admin-Rechten bei Verein Beispiel" in response.content.decode()
    assert User.objects.filter(pk=me.pk).exists()


def test_account_deletion_asks_for_the_password_after_a_while(client, house):
    me = UserFactory(email="alt@example.org")
    client.force_login(me)  # a session without a recent password login
    response = client.post("/my-area/delete-account/", {"confirm_email": "alt@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert User.objects.filter(pk=me.pk).exists()


def test_removing_totp_counts_from_the_next_request(client, house):
    """The user, their roles and their TOTP state are loaded together, per request."""
    from allauth.mfa.models import Authenticator

    reception = staff_user(Role.RECEPTION, with_mfa=True)
    client.force_login(reception)
    assert client.get("/my-area/").status_code == 200
    Authenticator.objects.filter(user=reception).delete()
    response = client.get("/my-area/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_a_role_taken_away_counts_from_the_next_request(client, house):
    from house.services import remove_role

    reception = staff_user(Role.RECEPTION, with_mfa=True)
    client.force_login(reception)
    assert client.get("/reception/").status_code == 200
    remove_role(user=User.objects.get(pk=reception.pk), role=Role.RECEPTION)
    assert client.get("/reception/").status_code == 403


def test_the_signed_in_user_comes_with_roles_and_totp_in_two_queries(
    client, house, django_assert_num_queries
):
    from house.auth import load_user_with_access

    user = staff_user(Role.RECEPTION, with_mfa=True)
    UserFactory(roles=[Role.HOUSE_MANAGEMENT])  # somebody else's roles stay out
    user.groups.add(Group.objects.get_or_create(name=Role.MENTOR.value)[0])
    user.groups.add(Group.objects.get_or_create(name="Newsletter")[0])  # not a house role
    with django_assert_num_queries(2):
        loaded = load_user_with_access(user.pk)
        assert loaded is not None
        assert loaded.role_names == {Role.RECEPTION.value, Role.MENTOR.value}
        assert loaded.totp_active is True
    plain = UserFactory()
    loaded = load_user_with_access(plain.pk)
    assert loaded.role_names == frozenset()
    assert loaded.totp_active is False
    assert load_user_with_access(10**9) is None
    assert load_user_with_access("kein-schlüssel") is None


@pytest.mark.parametrize(
    ("method", "path", "data", "with_mfa"),
    [
        ("get", "/accounts/2fa/recovery-codes/", {}, True),
        ("post", "/accounts/2fa/totp/deactivate/", {}, True),
        ("post", "/accounts/email/", {"action_add": "", "email": "neu@example.org"}, False),
        ("post", "/my-area/delete-account/", {"confirm_email": "konto@example.org"}, False),
    ],
)
@pytest.mark.usefixtures("house")
def test_sensitive_account_changes_ask_for_the_password_even_right_after_login(
    client, method, path, data, with_mfa
):
    import time

    from allauth.account.internal.flows import login as login_flow
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    if with_mfa:
        me = staff_user(Role.RECEPTION, email="konto@example.org")
        RecoveryCodes.activate(me)
    else:
        me = UserFactory(email="konto@example.org")
    client.force_login(me)
    # A session as an attacker would borrow it a minute after a password login.
    session = client.session
    session[login_flow.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time() - 60, "email": me.email}
    ]
    session[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(me.pk)
    session.save()

    response = getattr(client, method)(path, data)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert User.objects.filter(pk=me.pk).exists()
    assert not EmailAddress.objects.filter(email="neu@example.org").exists()
