"""The organisations' own area: outsiders, members, admins, house management, bad input."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from house.activity import log_activity
from house.models import ActivityLog, Role
from tenants import activity as history
from tenants import services
from tenants.models import (
    LOGO_MAX_BYTES,
    ConsultationHours,
    Contact,
    Invitation,
    Membership,
    Organisation,
    Service,
)
from tests.factories import UserFactory, staff_user
from tests.tenants.factories import (
    ConsultationHoursFactory,
    ContactFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    ServiceFactory,
    org_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    """An organisation full of data that must not leak to outsiders."""
    organisation = OrganisationFactory(
        name="Beratungszentrum", internal_notes="Geheime Notiz", is_public=True
    )
    service = ServiceFactory(organisation=organisation, name="Schuldnerberatung")
    ConsultationHoursFactory(service=service)
    ContactFactory(organisation=organisation, name="Interne Kontaktperson", is_public=False)
    MembershipFactory(organisation=organisation, user=UserFactory(email="mitglied@bz.example"))
    InvitationFactory(organisation=organisation, email="eingeladen@bz.example")
    log_activity(
        obj=organisation,
        action_type=history.CHANGED,
        data={"model": "x", "repr": "Geheimer Eintrag", "changes": {}},
    )
    return organisation


def _urls(org):
    service = org.services.first()
    hours = org.schedules.first()
    contact = org.contacts.first()
    membership = org.memberships.first()
    invitation = org.invitations.first()
    base = f"/organisations/{org.slug}/manage"
    get = [
        f"{base}/",
        f"{base}/profile/",
        f"{base}/members/",
        f"{base}/changes/",
        f"{base}/services/new/",
        f"{base}/services/{service.pk}/",
        f"{base}/hours/new/",
        f"{base}/hours/{hours.pk}/",
        f"{base}/contacts/new/",
        f"{base}/contacts/{contact.pk}/",
    ]
    post = [
        f"{base}/profile/",
        f"{base}/members/",
        f"{base}/members/{membership.pk}/role/",
        f"{base}/members/{membership.pk}/remove/",
        f"{base}/invitations/{invitation.pk}/revoke/",
        f"{base}/services/{service.pk}/confirm/",
        f"{base}/services/{service.pk}/delete/",
        f"{base}/hours/{hours.pk}/delete/",
        f"{base}/contacts/{contact.pk}/delete/",
        f"{base}/services/new/",
    ]
    return get, post


LEAKS = (
    "Geheime Notiz",
    "Interne Kontaktperson",
    "mitglied@bz.example",
    "eingeladen@bz.example",
    "Geheimer Eintrag",
)


def _assert_nothing_changed(org):
    assert org.services.count() == 1
    assert org.schedules.count() == 1
    assert org.contacts.count() == 1
    assert org.memberships.count() == 1
    assert org.invitations.open().count() == 1
    assert not Service.objects.filter(verification_requested_at__isnull=False).exists()
    assert ActivityLog.objects.for_object(org).count() == 1


def test_anonymous_visitor_is_sent_to_login(client, org):
    get, post = _urls(org)
    for url in get + post:
        response = client.post(url) if url in post and url not in get else client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
    _assert_nothing_changed(org)


def test_another_tenants_admin_gets_403_and_sees_nothing(client, org):
    client.force_login(org_admin(OrganisationFactory()))
    get, post = _urls(org)
    for url in get:
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        for leak in LEAKS:
            assert leak not in html, (url, leak)
    for url in post:
        assert (
            client.post(url, {"role": "admin", "email": "x@example.org", "name": "X"}).status_code
            == 403
        ), url
    _assert_nothing_changed(org)


def test_another_tenants_admin_gets_404_for_private_organisation(client, org):
    Organisation.objects.filter(pk=org.pk).update(is_public=False)
    client.force_login(org_admin(OrganisationFactory()))
    get, post = _urls(org)
    for url in get:
        assert client.get(url).status_code == 404, url
    for url in post:
        assert client.post(url, {"role": "admin"}).status_code == 404, url
    _assert_nothing_changed(org)


def test_member_sees_area_but_cannot_change(client, org):
    member = org.memberships.get().user
    client.force_login(member)
    get, post = _urls(org)
    base = f"/organisations/{org.slug}/manage"
    for url in (f"{base}/", f"{base}/members/", f"{base}/changes/"):
        assert client.get(url).status_code == 200, url
    assert "Interne Kontaktperson" in client.get(f"{base}/").content.decode()
    for url in get[1:]:
        if url in (f"{base}/members/", f"{base}/changes/"):
            continue
        assert client.get(url).status_code == 403, url
    for url in post:
        assert client.post(url, {"role": "admin", "email": "x@example.org"}).status_code == 403, url
    assert "eingeladen@bz.example" not in client.get(f"{base}/members/").content.decode()
    _assert_nothing_changed(org)


def test_entry_of_another_organisation_is_404_even_for_own_admin(client, org):
    admin = org_admin(OrganisationFactory(slug="eigene"))
    client.force_login(admin)
    foreign = org.services.first()
    assert client.get(f"/organisations/eigene/manage/services/{foreign.pk}/").status_code == 404
    assert (
        client.post(f"/organisations/eigene/manage/services/{foreign.pk}/delete/").status_code
        == 404
    )
    assert client.get("/organisations/eigene/manage/unknown/new/").status_code == 404
    assert Service.objects.filter(pk=foreign.pk).exists()


def test_house_management_manages_every_organisation(client, org):
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    get, _post = _urls(org)
    for url in get:
        assert client.get(url).status_code == 200, url


def test_admin_edits_profile_and_change_is_logged(client):
    org = OrganisationFactory(phone="0561 1")
    admin = org_admin(org)
    client.force_login(admin)
    response = client.post(
        f"/organisations/{org.slug}/manage/profile/",
        {
            "name": org.name,
            "phone": "0561 99",
            "website": "https://verein.example",
            "email": "neu@verein.example",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.phone, org.website) == ("0561 99", "https://verein.example")
    entry = ActivityLog.objects.for_object(org).get()
    assert entry.actor == admin
    assert entry.data["changes"]["phone"] == ["0561 1", "0561 99"]
    assert "logo" not in entry.data["changes"]  # no logo before, none uploaded: no change


def test_org_admin_cannot_change_the_city_room_fees_depend_on(client):
    org = OrganisationFactory(city="Frankfurt am Main")
    client.force_login(org_admin(org))
    response = _profile_post(client, org, city="Kassel", phone="0561 5")
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.city, org.phone) == ("Frankfurt am Main", "0561 5")
    assert "city" not in ActivityLog.objects.for_object(org).get().data["changes"]


def test_overview_shows_the_city_house_management_keeps(client):
    org = OrganisationFactory(city="Frankfurt am Main")
    client.force_login(org_admin(org))
    html = client.get(f"/organisations/{org.slug}/manage/").content.decode()
    assert "Ort</dt>" in html
    assert "Frankfurt am Main" in html


def test_profile_form_shows_city_read_only_with_a_note(client):
    org = OrganisationFactory(city="Frankfurt am Main")
    client.force_login(org_admin(org))
    response = client.get(f"/organisations/{org.slug}/manage/profile/")
    html = response.content.decode()
    assert "<dt>Ort</dt>" in html
    assert "Frankfurt am Main" in html
    assert 'name="city"' not in html
    assert 'id="city-note"' in html  # why it is read-only (text translated by the lead)


def _png(size=(10, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _profile_post(client, org, **extra):
    data = {"name": org.name, "email": org.email, **extra}
    return client.post(f"/organisations/{org.slug}/manage/profile/", data)


def test_profile_accepts_small_png_logo_with_alt_text(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    response = _profile_post(
        client,
        org,
        logo=SimpleUploadedFile("logo.png", _png(), "image/png"),
        logo_alt="Blaues Haus",
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.logo.name.startswith("organisations/")
    assert org.logo_alt == "Blaues Haus"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"logo_alt": "Logo"}, "logo"),  # logo not an image (set below)
        ({"website": "kein link"}, "website"),
        ({"email": "keine-adresse"}, "email"),
        ({"name": ""}, "name"),
    ],
)
def test_profile_bad_input_shows_error_and_saves_nothing(client, extra, field):
    org = OrganisationFactory(phone="0561 1")
    client.force_login(org_admin(org))
    if field == "logo":
        extra = {**extra, "logo": SimpleUploadedFile("logo.png", b"not an image", "image/png")}
    response = _profile_post(client, org, phone="0561 2", **extra)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    org.refresh_from_db()
    assert org.phone == "0561 1"
    assert not org.logo
    assert not ActivityLog.objects.for_object(org).exists()


def test_profile_refuses_oversized_logo(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    big = _png(size=(10, 10)) + b"\0" * (LOGO_MAX_BYTES + 1)
    response = _profile_post(
        client, org, logo=SimpleUploadedFile("big.png", big, "image/png"), logo_alt="x"
    )
    assert response.status_code == 200
    assert "2 MB" in str(response.context["form"].errors["logo"])
    org.refresh_from_db()
    assert not org.logo


def test_profile_refuses_logo_without_alt_text(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    response = _profile_post(client, org, logo=SimpleUploadedFile("logo.png", _png(), "image/png"))
    assert "logo_alt" in response.context["form"].errors
    org.refresh_from_db()
    assert not org.logo


def test_hours_ending_before_start_show_error_and_save_nothing(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    response = client.post(
        f"/organisations/{org.slug}/manage/hours/new/",
        {"weekday": "0", "opens_at": "12:00", "closes_at": "09:00"},
    )
    assert response.status_code == 200
    assert "closes_at" in response.context["form"].errors
    assert not ConsultationHours.objects.exists()


def test_hours_for_foreign_service_are_refused(client):
    org = OrganisationFactory()
    foreign = ServiceFactory()
    client.force_login(org_admin(org))
    response = client.post(
        f"/organisations/{org.slug}/manage/hours/new/",
        {"service": foreign.pk, "weekday": "0", "opens_at": "09:00", "closes_at": "12:00"},
    )
    assert "service" in response.context["form"].errors
    assert not ConsultationHours.objects.exists()


def test_admin_adds_service_in_turkish_and_german(client, vocab):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    response = client.post(
        f"/organisations/{org.slug}/manage/services/new/",
        {
            "name": "Sozialberatung auf Türkisch",
            "description": "Hilfe bei Anträgen",
            "target_groups": [vocab["refugees"].pk],
            "languages": [vocab["tr"].pk, vocab["de"].pk],
            "is_free": "on",
            "access_walk_in": "on",
            "status": "active",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(organisation=org)
    assert set(service.languages.values_list("slug", flat=True)) == {"tr", "de"}
    found = client.get("/directory/", {"language": "tr", "target_group": "gefluechtete-migranten"})
    assert "Sozialberatung auf Türkisch" in found.content.decode()


def test_service_with_costs_but_no_description_is_refused(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    response = client.post(
        f"/organisations/{org.slug}/manage/services/new/",
        {"name": "Kurs", "description": "x", "status": "active"},
    )
    assert "cost_description" in response.context["form"].errors
    assert not Service.objects.exists()


def test_admin_adds_and_deletes_contact(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    client.post(
        f"/organisations/{org.slug}/manage/contacts/new/", {"name": "Frau Kaya", "position": 0}
    )
    contact = Contact.objects.get(organisation=org)
    client.post(f"/organisations/{org.slug}/manage/contacts/{contact.pk}/delete/")
    assert not Contact.objects.exists()
    assert list(
        ActivityLog.objects.for_object(org).order_by("pk").values_list("action_type", flat=True)
    ) == [history.CREATED, history.DELETED]


def test_contact_with_invalid_email_is_refused(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    response = client.post(
        f"/organisations/{org.slug}/manage/contacts/new/",
        {"name": "X", "email": "nope", "position": 0},
    )
    assert "email" in response.context["form"].errors
    assert not Contact.objects.exists()


def test_delete_needs_post(client):
    org = OrganisationFactory()
    contact = ContactFactory(organisation=org)
    client.force_login(org_admin(org))
    assert (
        client.get(f"/organisations/{org.slug}/manage/contacts/{contact.pk}/delete/").status_code
        == 405
    )
    assert Contact.objects.exists()


def test_invitation_flow_attaches_colleague(client, django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="KISS Kassel")
    client.force_login(org_admin(org))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisations/{org.slug}/manage/members/",
            {"email": "kollege@example.org", "role": "member"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.get_absolute_url() in mail.outbox[0].body
    colleague = UserFactory(email="kollege@example.org")
    client.force_login(colleague)
    assert "KISS Kassel" in client.get("/my-organisations/").content.decode()
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert Membership.objects.get(user=colleague).organisation == org


def test_invitation_page_for_anonymous_offers_login_and_signup(client):
    invitation = InvitationFactory()
    html = client.get(invitation.get_absolute_url()).content.decode()
    assert "/accounts/login/?next=" in html
    assert "/accounts/signup/?next=" in html
    assert not Membership.objects.exists()


def test_invitation_with_unknown_token_is_404(client, db):
    assert client.get("/invitations/nicht-da/").status_code == 404


def test_invitation_for_someone_else_is_refused(client):
    invitation = InvitationFactory(email="richtig@example.org")
    client.force_login(UserFactory(email="falsch@example.org"))
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "Diese Einladung ging an eine andere E-Mail-Adresse." in response.content.decode()
    assert not Membership.objects.exists()


def test_invalid_invitation_email_shows_error(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    response = client.post(
        f"/organisations/{org.slug}/manage/members/", {"email": "kaputt", "role": "member"}
    )
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_last_admin_cannot_remove_themself_via_page(client):
    org = OrganisationFactory()
    admin = org_admin(org)
    membership = Membership.objects.get(user=admin)
    client.force_login(admin)
    response = client.post(
        f"/organisations/{org.slug}/manage/members/{membership.pk}/remove/", follow=True
    )
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert response.redirect_chain[-1][0] == f"/organisations/{org.slug}/manage/members/"


def test_admin_promotes_member_and_removes_them(client):
    org = OrganisationFactory()
    client.force_login(org_admin(org))
    membership = MembershipFactory(organisation=org)
    client.post(
        f"/organisations/{org.slug}/manage/members/{membership.pk}/role/", {"role": "admin"}
    )
    membership.refresh_from_db()
    assert membership.role == "admin"
    client.post(f"/organisations/{org.slug}/manage/members/{membership.pk}/role/", {"role": "boss"})
    membership.refresh_from_db()
    assert membership.role == "admin"
    client.post(f"/organisations/{org.slug}/manage/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_admin_confirms_service(client):
    org = OrganisationFactory()
    service = ServiceFactory(organisation=org, last_verified=dt.date(2024, 1, 1))
    client.force_login(org_admin(org))
    client.post(f"/organisations/{org.slug}/manage/services/{service.pk}/confirm/")
    service.refresh_from_db()
    assert service.last_verified > dt.date(2024, 1, 1)


@pytest.mark.parametrize("count", [1, 3])
def test_my_organisations_query_count(client, house, count, django_assert_num_queries):
    user = UserFactory()
    for _n in range(count):
        MembershipFactory(user=user)
        InvitationFactory(email=user.email)
    client.force_login(user)
    client.get("/")
    with django_assert_num_queries(5):
        response = client.get("/my-organisations/")
    assert response.content.decode().count("/manage/") == count


@pytest.mark.parametrize("count", [1, 3])
def test_manage_query_count(client, house, count, django_assert_num_queries):
    org = OrganisationFactory()
    admin = org_admin(org)
    for _n in range(count):
        ConsultationHoursFactory(service=ServiceFactory(organisation=org))
        ContactFactory(organisation=org)
    client.force_login(admin)
    client.get("/")
    # One of them: the member's own address of the organisation's booking calendar.
    with django_assert_num_queries(8):
        response = client.get(f"/organisations/{org.slug}/manage/")
    assert response.content.decode().count("/confirm/") == count


@pytest.mark.parametrize("count", [1, 3])
def test_members_query_count(client, house, count, django_assert_num_queries):
    org = OrganisationFactory()
    admin = org_admin(org)
    for _n in range(count - 1):
        MembershipFactory(organisation=org)
    for _n in range(count):
        InvitationFactory(organisation=org)
    client.force_login(admin)
    client.get("/")
    with django_assert_num_queries(6):
        response = client.get(f"/organisations/{org.slug}/manage/members/")
    assert response.content.decode().count("/remove/") == count


@pytest.mark.parametrize("count", [1, 3])
def test_changes_query_count(client, house, count, django_assert_num_queries):
    org = OrganisationFactory()
    admin = org_admin(org)
    for n in range(count):
        log_activity(
            obj=org,
            actor=admin,
            action_type=history.CHANGED,
            data={"model": "tenants.organisation", "repr": f"E{n}", "changes": {}},
        )
    client.force_login(admin)
    client.get("/")
    with django_assert_num_queries(5):
        response = client.get(f"/organisations/{org.slug}/manage/changes/")
    assert response.content.decode().count("<time") == count


def test_change_log_shows_field_labels_and_readable_values(client):
    org = OrganisationFactory(is_public=True)
    admin = org_admin(org)
    services.update_organisation(
        organisation=org,
        actor=admin,
        fields={"is_public": False, "internal_notes": "Neue Notiz"},
    )
    membership = MembershipFactory(organisation=org)
    services.change_member_role(membership=membership, role="admin", actor=admin)
    client.force_login(admin)
    html = client.get(f"/organisations/{org.slug}/manage/changes/").content.decode()
    assert _change(html, "Im öffentlichen Wegweiser sichtbar") == "<del>Ja</del> → Nein"
    assert _change(html, "Interne Notizen") == "Neue Notiz"
    assert _change(html, "Rolle") == "<del>Mitglied</del> → Administrator/in"
    assert "Organisation „" in html
    assert "“ geändert" in html
    assert "is_public" not in html
    assert "True" not in html
    entry = ActivityLog.objects.for_object(org).filter(data__model="tenants.organisation").get()
    # Stored as values, labelled when read.
    assert entry.data["changes"]["is_public"] == [True, False]


def _change(html, label):
    """What the history shows for the field ``label`` (the first entry naming it)."""
    import re

    match = re.search(rf"<dt[^>]*>{re.escape(label)}</dt>\s*<dd[^>]*>(.*?)</dd>", html)
    assert match, f"{label} not in the history"
    return match.group(1).strip()


def test_change_log_keeps_older_entries_readable(client):
    org = OrganisationFactory()
    admin = org_admin(org)
    # Entries written before models were named keep the kind as words and
    # display strings as values.
    log_activity(
        obj=org,
        actor=admin,
        action_type=history.CHANGED,
        data={
            "model": "Organisation",
            "repr": org.name,
            "changes": {"is_public": ["True", "False"], "phone": ["–", "0561 1"]},
        },
    )
    client.force_login(admin)
    html = client.get(f"/organisations/{org.slug}/manage/changes/").content.decode()
    assert f"Organisation „{org.name}“ geändert" in html
    assert _change(html, "Im öffentlichen Wegweiser sichtbar") == "<del>Ja</del> → Nein"
    assert _change(html, "Öffentliches Telefon") == "0561 1"


def test_invited_newcomer_signs_up_and_lands_on_the_invitation(client, house):
    """The invitation creates the account through allauth's sign-up and e-mail confirmation."""
    import re

    invitation = InvitationFactory(email="neu@verein.example")
    response = client.post(
        f"/accounts/signup/?next={invitation.get_absolute_url()}",
        {
            "name": "Neue Kollegin",
            "email": "neu@verein.example",
            "password1": "ein-langes-Passwort-42",
            "password2": "ein-langes-Passwort-42",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(
        1
    )
    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == invitation.get_absolute_url()
    response = client.post(invitation.get_absolute_url())
    membership = Membership.objects.get(user__email="neu@verein.example")
    assert membership.organisation == invitation.organisation
