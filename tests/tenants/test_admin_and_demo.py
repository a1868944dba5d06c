import pytest
from django.core import mail

from house.models import ActivityLog, Role
from tenants import activity as history
from tenants import demo, tasks
from tenants.models import Membership, Organisation, Service
from tests.factories import UserFactory, staff_user
from tests.tenants.factories import OrganisationFactory, ServiceFactory, org_admin

pytestmark = pytest.mark.django_db


def _admin_data(**overrides):
    data = {
        "name": "Neuer Verein",
        "slug": "neuer-verein",
        "kind": "tenant",
        "legal_form": "ev",
        "is_public": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "schedules-TOTAL_FORMS": "0",
        "schedules-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_creates_organisation_and_logs_it(client):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    client.force_login(manager)
    response = client.post("/admin/tenants/organisation/add/", _admin_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(slug="neuer-verein")
    entry = ActivityLog.objects.for_object(org).get()
    assert entry.actor == manager
    assert entry.action_type == history.CREATED


def test_admin_refuses_duplicate_slug(client):
    OrganisationFactory(slug="neuer-verein")
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    response = client.post("/admin/tenants/organisation/add/", _admin_data())
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Organisation.objects.filter(slug="neuer-verein").count() == 1


def test_admin_refuses_expiry_before_notice(client):
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    response = client.post(
        "/admin/tenants/organisation/add/",
        _admin_data(nonprofit_notice_date="2024-05-01", nonprofit_notice_expires="2023-01-01"),
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(slug="neuer-verein").exists()


def test_tenant_without_staff_role_cannot_open_admin(client):
    client.force_login(org_admin(OrganisationFactory()))
    response = client.get("/admin/tenants/organisation/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_changelist_lists_organisations(client):
    OrganisationFactory(name="KISS Kassel")
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    assert "KISS Kassel" in client.get("/admin/tenants/organisation/").content.decode()


def test_verify_directory_task_runs_both_steps(django_capture_on_commit_callbacks):
    org = OrganisationFactory()
    org_admin(org)
    import datetime as dt

    ServiceFactory(organisation=org, last_verified=dt.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.verify_directory_task() == {"asked": 1, "flagged": 0}
    assert len(mail.outbox) == 1


def test_send_invitation_task_tolerates_missing_invitation():
    assert tasks.send_invitation_task(invitation_id=999_999) is False


def test_demo_seed_is_idempotent_and_findable():
    users = {"tenant_admin": UserFactory(), "tenant_member": UserFactory()}
    demo.seed(users=users)
    counts = (Organisation.objects.count(), Service.objects.count())
    demo.seed(users=users)
    assert (Organisation.objects.count(), Service.objects.count()) == counts
    paritaet = Organisation.objects.get(slug="paritaetische-nordhessen")
    assert Membership.objects.get(user=users["tenant_admin"]).organisation == paritaet
    assert Membership.objects.get(user=users["tenant_admin"]).role == "admin"
    assert Membership.objects.get(user=users["tenant_member"]).role == "member"
    turkish = Service.objects.public().filter(
        languages__slug="tr", target_groups__slug="gefluechtete-migranten"
    )
    assert turkish.exists()
    for slug in (
        "akgg",
        "jugendhilfe-kassel",
        "beratungszentrum",
        "kiss-kassel",
        "freiwillig-in-kassel",
    ):
        assert Organisation.objects.get(slug=slug).kind == Organisation.Kind.TENANT
    assert Organisation.objects.filter(kind=Organisation.Kind.PUBLIC_BODY).exists()
    assert Organisation.objects.filter(
        kind=Organisation.Kind.EXTERNAL, legal_form="company"
    ).exists()
