import pytest
from django.contrib.auth.models import AnonymousUser, Group

from house import permissions
from house.models import Role, User
from house.services import assign_role, remove_role, sync_role_groups
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_has_a_group_with_its_permissions():
    sync_role_groups()
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)
    management = Group.objects.get(name=Role.HOUSE_MANAGEMENT)
    codenames = set(management.permissions.values_list("codename", flat=True))
    assert {"change_houseprofile", "add_closureday", "change_legalpage"} <= codenames
    reception = Group.objects.get(name=Role.RECEPTION)
    assert "change_legalpage" not in set(reception.permissions.values_list("codename", flat=True))


def test_sync_is_idempotent_and_removes_stray_permissions():
    sync_role_groups()
    reception = Group.objects.get(name=Role.RECEPTION)
    first = set(reception.permissions.all())
    reception.permissions.add(*Group.objects.get(name=Role.HOUSE_MANAGEMENT).permissions.all())
    sync_role_groups()
    assert set(reception.permissions.all()) == first


def test_has_role_answers_by_group_and_refuses_anonymous_and_inactive():
    reception = UserFactory(roles=[Role.RECEPTION])
    assert permissions.has_role(reception, Role.RECEPTION)
    assert not permissions.has_role(reception, Role.HOUSE_MANAGEMENT)
    assert permissions.can_use_reception(reception)
    assert not permissions.can_manage_house(reception)
    assert not permissions.has_role(AnonymousUser(), Role.RECEPTION)
    reception.is_active = False
    assert not permissions.has_role(reception, Role.RECEPTION)


def test_house_management_role_grants_admin_access_and_removal_takes_it_back():
    person = UserFactory()
    assign_role(user=person, role=Role.HOUSE_MANAGEMENT)
    person.refresh_from_db()
    assert person.is_staff
    remove_role(user=person, role=Role.HOUSE_MANAGEMENT)
    person = User.objects.get(pk=person.pk)
    assert not person.is_staff
    assert not permissions.can_manage_house(person)


def test_user_visible_to_limits_ordinary_people_to_themselves():
    manager = UserFactory(roles=[Role.HOUSE_MANAGEMENT])
    volunteer = UserFactory()
    UserFactory()
    assert list(User.objects.visible_to(volunteer)) == [volunteer]
    assert User.objects.visible_to(manager).count() == 3
    assert not User.objects.visible_to(AnonymousUser()).exists()


def test_requires_mfa_for_staff_roles_only():
    assert permissions.requires_mfa(UserFactory(roles=[Role.VOLUNTEER_COORDINATION]))
    assert permissions.requires_mfa(UserFactory(roles=[Role.SOCIAL_LAB_STAFF]))
    assert not permissions.requires_mfa(UserFactory(roles=[Role.MENTOR]))
    assert not permissions.requires_mfa(UserFactory())


def test_migrate_leaves_the_role_groups_with_their_permissions():
    # No explicit sync here: the groups come from the post-migrate hook of the test database.
    management = Group.objects.get(name=Role.HOUSE_MANAGEMENT)
    assert management.permissions.filter(codename="change_legalpage").exists()


def test_house_management_cannot_make_itself_superuser(client):
    from tests.factories import staff_user

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    client.force_login(manager)
    page = client.get(f"/admin/house/user/{manager.pk}/change/")
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    client.post(
        f"/admin/house/user/{manager.pk}/change/",
        {
            "email": manager.email,
            "name": manager.name,
            "language": "de",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [g.pk for g in manager.groups.all()],
            "date_joined_0": "01.01.2026",
            "date_joined_1": "10:00:00",
        },
    )
    manager.refresh_from_db()
    assert not manager.is_superuser


def test_house_management_cannot_touch_a_superuser_account(client):
    from tests.factories import staff_user

    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    page = client.get(f"/admin/house/user/{root.pk}/change/").content.decode()
    assert 'name="email"' not in page  # shown read-only, nothing to submit
    client.post(f"/admin/house/user/{root.pk}/change/", {"email": "kapert@example.org"})
    response = client.post(
        f"/admin/house/user/{root.pk}/password/",
        {"password1": "Neues-Passwort-123", "password2": "Neues-Passwort-123"},
    )
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password("a-Long-test-passw0rd")
    assert root.email != "kapert@example.org"


def test_nobody_can_change_their_own_groups_in_the_admin(client):
    from tests.factories import staff_user

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    reception = Group.objects.get(name=Role.RECEPTION)
    own_groups = set(manager.groups.values_list("pk", flat=True))
    client.force_login(manager)

    page = client.get(f"/admin/house/user/{manager.pk}/change/")
    client.post(
        f"/admin/house/user/{manager.pk}/change/",
        {
            "email": manager.email,
            "name": manager.name,
            "language": "de",
            "is_active": "on",
            "groups": [*own_groups, reception.pk],
            "date_joined_0": "01.01.2026",
            "date_joined_1": "10:00:00",
        },
    )

    assert 'name="groups"' not in page.content.decode()
    assert set(manager.groups.values_list("pk", flat=True)) == own_groups


def test_ones_own_roles_in_the_admin_are_named_not_coded(client):
    from tests.factories import staff_user

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    client.force_login(manager)

    page = client.get(
        f"/admin/house/user/{manager.pk}/change/", HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()

    assert "Hausverwaltung" in page
    assert "house_management" not in page


def test_house_management_still_gives_roles_to_others_in_the_admin(client):
    from tests.factories import UserFactory, staff_user

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    colleague = UserFactory()
    client.force_login(manager)

    page = client.get(f"/admin/house/user/{colleague.pk}/change/")

    assert 'name="groups"' in page.content.decode()
