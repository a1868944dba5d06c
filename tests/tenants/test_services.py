import datetime as dt
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from house.models import ActivityLog, OutboxEmail, Role
from tenants import activity as history
from tenants import services, tasks
from tenants.models import (
    ConsultationHours,
    Invitation,
    Membership,
    Organisation,
    OutdatedReport,
    Service,
)
from tests.factories import UserFactory, staff_user
from tests.tenants.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    ServiceFactory,
    org_admin,
    org_member,
)

pytestmark = pytest.mark.django_db


def test_update_organisation_records_who_changed_what():
    org = OrganisationFactory(phone="0561 1")
    admin = org_admin(org)
    services.update_organisation(organisation=org, actor=admin, fields={"phone": "0561 2"})
    entry = ActivityLog.objects.for_object(org).get()
    assert entry.actor == admin
    assert entry.action_type == history.CHANGED
    assert entry.data["changes"] == {"phone": ["0561 1", "0561 2"]}


def test_update_organisation_without_change_logs_nothing():
    org = OrganisationFactory(phone="0561 1")
    services.update_organisation(organisation=org, actor=None, fields={"phone": "0561 1"})
    assert not ActivityLog.objects.for_object(org).exists()


def test_update_organisation_duplicate_slug_saves_nothing():
    OrganisationFactory(slug="kiss")
    org = OrganisationFactory(slug="andere", phone="1")
    with pytest.raises(ValidationError) as exc:
        services.update_organisation(
            organisation=org, actor=None, fields={"slug": "kiss", "phone": "2"}
        )
    assert "slug" in exc.value.message_dict
    org.refresh_from_db()
    assert (org.slug, org.phone) == ("andere", "1")
    assert not ActivityLog.objects.for_object(org).exists()


def test_update_organisation_expiry_before_notice_is_refused():
    org = OrganisationFactory(nonprofit_notice_date=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.update_organisation(
            organisation=org,
            actor=None,
            fields={"nonprofit_notice_expires": dt.date(2023, 1, 1)},
        )
    org.refresh_from_db()
    assert org.nonprofit_notice_expires is None


def test_save_service_creates_slug_search_text_and_log(vocab):
    org = OrganisationFactory(name="Beratungszentrum")
    admin = org_admin(org)
    service = services.save_service(
        organisation=org,
        actor=admin,
        service=None,
        fields={"name": "Türkische Beratung", "description": "Hilfe bei Anträgen"},
        target_groups=[vocab["refugees"]],
        languages=[vocab["tr"], vocab["de"]],
    )
    assert service.slug == "turkische-beratung"
    assert "tuerkisch" in service.search_text
    assert "gefluechtete" in service.search_text
    assert service.last_verified == timezone.localdate()
    log = ActivityLog.objects.for_object(org).get()
    assert log.action_type == history.CREATED
    assert log.data["model"] == "tenants.service"
    assert log.actor == admin
    assert "Deutsch, Türkisch" in log.data["changes"]["languages"][1]


def test_save_service_same_name_gets_a_free_slug():
    org = OrganisationFactory()
    first = services.save_service(
        organisation=org, actor=None, service=None, fields={"name": "Beratung", "description": "x"}
    )
    second = services.save_service(
        organisation=org, actor=None, service=None, fields={"name": "Beratung", "description": "y"}
    )
    assert (first.slug, second.slug) == ("beratung", "beratung-2")


def test_save_service_costs_must_be_described():
    org = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.save_service(
            organisation=org,
            actor=None,
            service=None,
            fields={"name": "Kurs", "description": "x", "is_free": False},
        )
    assert not Service.objects.exists()


def test_consultation_hours_of_another_organisations_service_are_refused():
    org = OrganisationFactory()
    foreign = ServiceFactory()
    with pytest.raises(ValidationError):
        services.save_consultation_hours(
            organisation=org,
            actor=None,
            hours=None,
            fields={
                "service": foreign,
                "weekday": 0,
                "opens_at": dt.time(9),
                "closes_at": dt.time(10),
            },
        )
    assert not ConsultationHours.objects.exists()


def test_consultation_hours_ending_before_start_are_refused():
    org = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.save_consultation_hours(
            organisation=org,
            actor=None,
            hours=None,
            fields={"weekday": 0, "opens_at": dt.time(12), "closes_at": dt.time(9)},
        )
    assert not ConsultationHours.objects.exists()


def test_invite_member_sends_one_email_after_commit(django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="KISS Kassel")
    admin = org_admin(org)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_member(
            organisation=org, email="neu@example.org", role="member", invited_by=admin
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@example.org"]
    assert "KISS Kassel" in mail.outbox[0].subject
    assert invitation.get_absolute_url() in mail.outbox[0].body
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert services.send_invitation(invitation=invitation) is False
    assert len(mail.outbox) == 1


def test_invite_member_refuses_existing_member():
    org = OrganisationFactory()
    member = org_member(org)
    with pytest.raises(ValidationError):
        services.invite_member(
            organisation=org, email=member.email.upper(), role="member", invited_by=None
        )
    assert not Invitation.objects.exists()


def test_invite_member_again_withdraws_the_earlier_invitation():
    org = OrganisationFactory()
    first = services.invite_member(
        organisation=org, email="a@example.org", role="member", invited_by=None
    )
    services.invite_member(organisation=org, email="A@example.org", role="admin", invited_by=None)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert org.invitations.open().count() == 1


def test_accept_invitation_attaches_verified_user_with_role():
    invitation = InvitationFactory(email="kollegin@example.org", role=Membership.Role.ADMIN)
    user = UserFactory(email="kollegin@example.org")
    membership = services.accept_invitation(invitation=invitation, user=user)
    assert membership.role == Membership.Role.ADMIN
    assert membership.organisation == invitation.organisation
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert not invitation.is_open


def test_accept_invitation_of_other_address_is_refused():
    invitation = InvitationFactory(email="kollegin@example.org")
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=UserFactory())
    assert not Membership.objects.exists()


def test_accept_expired_invitation_is_refused():
    invitation = InvitationFactory(
        email="alt@example.org", expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation=invitation, user=UserFactory(email="alt@example.org"))
    assert not Membership.objects.exists()


def test_last_admin_cannot_be_removed():
    org = OrganisationFactory()
    admin = org_admin(org)
    membership = Membership.objects.get(user=admin)
    with pytest.raises(services.LastAdminError):
        services.remove_member(membership=membership, actor=admin)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_last_admin_cannot_be_demoted():
    org = OrganisationFactory()
    membership = Membership.objects.get(user=org_admin(org))
    with pytest.raises(services.LastAdminError):
        services.change_member_role(membership=membership, role="member", actor=None)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN


def test_admin_may_leave_when_another_admin_remains():
    org = OrganisationFactory()
    first = org_admin(org)
    org_admin(org)
    services.remove_member(membership=Membership.objects.get(user=first), actor=first)
    assert not Membership.objects.filter(user=first).exists()
    assert ActivityLog.objects.for_object(org).of_type(history.DELETED).count() == 1


def test_change_member_role_promotes_and_logs():
    org = OrganisationFactory()
    org_admin(org)
    membership = MembershipFactory(organisation=org)
    services.change_member_role(membership=membership, role="admin", actor=None)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.ADMIN
    entry = ActivityLog.objects.for_object(org).of_type(history.CHANGED).get()
    assert entry.data["changes"]["role"] == ["member", "admin"]


def test_request_verifications_asks_admins_once(django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    admin = org_admin(org)
    old = ServiceFactory(organisation=org, last_verified=dt.date(2024, 1, 1), name="Alte Beratung")
    ServiceFactory(organisation=org, last_verified=dt.date(2025, 6, 1))
    today = dt.date(2025, 8, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.request_verifications(today=today) == 1
        assert mail.outbox == []  # not before the claim commits
        assert services.request_verifications(today=today) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin.email]
    assert mail.outbox[0].subject == "Bitte bestätigen Sie Ihre Einträge im Wegweiser"
    assert "Alte Beratung" in mail.outbox[0].body
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT
    old.refresh_from_db()
    assert old.verification_requested_at is not None


def test_flag_unverified_tells_house_management_after_thirty_days(
    django_capture_on_commit_callbacks,
):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    asked = timezone.now() - dt.timedelta(days=31)
    overdue = ServiceFactory(verification_requested_at=asked, name="Vergessene Beratung")
    ServiceFactory(verification_requested_at=timezone.now() - dt.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_unverified() == 1
        assert services.flag_unverified() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [manager.email]
    assert "Vergessene Beratung" in mail.outbox[0].body
    overdue.refresh_from_db()
    assert overdue.flagged_at is not None


def test_confirm_service_clears_request_and_flag():
    service = ServiceFactory(
        last_verified=dt.date(2024, 1, 1),
        verification_requested_at=timezone.now(),
        flagged_at=timezone.now(),
    )
    services.confirm_service(service=service, actor=None)
    service.refresh_from_db()
    assert service.last_verified == timezone.localdate()
    assert service.verification_requested_at is None
    assert service.flagged_at is None


def test_report_outdated_tells_admins_and_house_management(django_capture_on_commit_callbacks):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    service = ServiceFactory()
    admin = org_admin(service.organisation)
    org_member(service.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_outdated(service=service, message="Telefonnummer stimmt nicht", email="")
    assert OutdatedReport.objects.get().message == "Telefonnummer stimmt nicht"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([manager.email, admin.email])
    assert "Telefonnummer stimmt nicht" in mail.outbox[0].body


def test_admins_in_other_organisation_are_not_asked(django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    other_admin = org_admin(OrganisationFactory())
    admin = org_admin(org)
    ServiceFactory(organisation=org, last_verified=dt.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_verifications(today=dt.date(2025, 1, 1))
    assert [m.to[0] for m in mail.outbox] == [admin.email]
    assert other_admin.email not in [m.to[0] for m in mail.outbox]
    assert Organisation.objects.count() == 2


# --- e-mails go through the outbox --------------------------------------------------


def _refusing(bad_address):
    """EmailMessage.send that the SMTP server refuses for ``bad_address`` only."""
    original = EmailMessage.send

    def send(message, fail_silently=False):
        if bad_address in message.to:
            raise smtplib.SMTPRecipientsRefused({bad_address: (550, b"no such user")})
        return original(message, fail_silently)

    return send


def test_verification_request_failing_admin_loses_and_repeats_no_other(
    django_capture_on_commit_callbacks,
):
    first, second = OrganisationFactory(name="A-Verein"), OrganisationFactory(name="B-Verein")
    bad = org_admin(first, user__email="kaputt@example.org")
    good_first = org_admin(first)
    good_second = org_admin(second)
    for org in (first, second):
        ServiceFactory(organisation=org, last_verified=dt.date(2020, 1, 1))
    with (
        mock.patch.object(EmailMessage, "send", _refusing(bad.email)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.request_verifications(today=dt.date(2025, 1, 1)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([good_first.email, good_second.email])
    rows = {row.to[0]: row for row in OutboxEmail.objects.all()}
    assert rows.keys() == {bad.email, good_first.email, good_second.email}
    assert rows[bad.email].status == OutboxEmail.Status.FAILED
    assert rows[good_second.email].ref == f"tenants.organisation:{second.pk}"
    assert not Service.objects.filter(verification_requested_at__isnull=True).exists()


def test_rolled_back_verification_claim_sends_nothing(django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    org_admin(org)
    service = ServiceFactory(organisation=org, last_verified=dt.date(2020, 1, 1))
    with (  # noqa: PT012 - the failure must happen inside the transaction
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.request_verifications(today=dt.date(2025, 1, 1))
        raise RuntimeError("the daily job died")
    assert mail.outbox == []
    assert not OutboxEmail.objects.exists()
    service.refresh_from_db()
    assert service.verification_requested_at is None


def test_outdated_report_failing_recipient_does_not_repeat_the_others(
    django_capture_on_commit_callbacks,
):
    manager = staff_user(Role.HOUSE_MANAGEMENT, email="verwaltung@example.org")
    service = ServiceFactory()
    admin = org_admin(service.organisation)
    with (
        mock.patch.object(EmailMessage, "send", _refusing(admin.email)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = services.report_outdated(service=service, message="Veraltet", email="")
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert mail.outbox[0].subject == "Meldung veralteter Angaben im Wegweiser"
    assert OutboxEmail.objects.filter(ref=f"tenants.outdatedreport:{report.pk}").count() == 2
    # The old task (jobs queued before the outbox) queues nothing a second time.
    assert tasks.send_outdated_report_task(report_id=report.pk) == 0
    assert OutboxEmail.objects.count() == 2


def test_invitation_email_is_in_the_outbox_for_staff_to_see(django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="KISS Kassel")
    with (
        mock.patch.object(EmailMessage, "send", _refusing("neu@example.org")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        invitation = services.invite_member(
            organisation=org, email="neu@example.org", role="member", invited_by=None
        )
    email = OutboxEmail.objects.get()
    assert email.ref == f"tenants.invitation:{invitation.pk}"
    assert email.status == OutboxEmail.Status.FAILED
    assert "no such user" in email.last_error
    assert email.subject == "Einladung zu KISS Kassel im Hausportal"


def test_invitation_speaks_the_invitees_language(django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="KISS Kassel")
    UserFactory(email="guest@example.org", language="en")
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        services.invite_member(
            organisation=org, email="guest@example.org", role="member", invited_by=None
        )
    assert "as Member." in mail.outbox[0].body
    assert OutboxEmail.objects.get().language == "en"


def test_rolled_back_invitation_sends_nothing(django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    with (  # noqa: PT012 - the failure must happen inside the transaction
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.invite_member(
            organisation=org, email="neu@example.org", role="member", invited_by=None
        )
        raise RuntimeError("the page crashed")
    assert mail.outbox == []
    assert not OutboxEmail.objects.exists()
