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
