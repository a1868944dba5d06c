"""The house-wide roles underneath the rules.

House-wide roles are Django groups named after :class:`house.models.Role`;
their model permissions (for the Django admin) are listed in
``ROLE_PERMISSIONS`` and applied by ``house.services.sync_role_groups``.
``has_role`` and the role questions below serve the ``visible_to(user)``
querysets, the services and the MFA middleware. Views, templates and the admin
ask permissions instead (``user.has_perm``), defined as rules in
``house/rules.py`` and each app's ``rules.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from house.roles import STAFF_ROLES, Role

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = "User | AnonymousUser"

#: Model permissions per role, as "app_label.codename". Permissions of apps
#: that are not installed yet are skipped when the groups are synchronised.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.HOUSE_MANAGEMENT: (
        "house.view_user",
        "house.change_user",
        "house.view_houseprofile",
        "house.change_houseprofile",
        "house.view_closureday",
        "house.add_closureday",
        "house.change_closureday",
        "house.delete_closureday",
        "house.view_legalpage",
        "house.change_legalpage",
        "auth.view_group",
        "tenants.view_organisation",
        "tenants.add_organisation",
        "tenants.change_organisation",
        "tenants.delete_organisation",
        "tenants.view_membership",
        "tenants.add_membership",
        "tenants.change_membership",
        "tenants.delete_membership",
        "tenants.view_invitation",
        "tenants.change_invitation",
        "tenants.view_contact",
        "tenants.add_contact",
        "tenants.change_contact",
        "tenants.delete_contact",
        "tenants.view_service",
        "tenants.add_service",
        "tenants.change_service",
        "tenants.delete_service",
        "tenants.view_consultationhours",
        "tenants.add_consultationhours",
        "tenants.change_consultationhours",
        "tenants.delete_consultationhours",
        "tenants.view_targetgroup",
        "tenants.add_targetgroup",
        "tenants.change_targetgroup",
        "tenants.view_topic",
        "tenants.add_topic",
        "tenants.change_topic",
        "tenants.view_language",
        "tenants.add_language",
        "tenants.change_language",
        "tenants.view_outdatedreport",
        "tenants.change_outdatedreport",
        "rooms.view_room",
        "rooms.add_room",
        "rooms.change_room",
        "rooms.view_roomphoto",
        "rooms.add_roomphoto",
        "rooms.change_roomphoto",
        "rooms.delete_roomphoto",
        "rooms.view_feerule",
        "rooms.add_feerule",
        "rooms.change_feerule",
        "rooms.delete_feerule",
        "rooms.view_feesurcharge",
        "rooms.add_feesurcharge",
        "rooms.change_feesurcharge",
        "rooms.delete_feesurcharge",
        "rooms.view_booking",
        "rooms.view_feedtoken",
        "rooms.change_feedtoken",
        "events.view_event",
        "events.change_event",
        "events.view_eventseries",
        "events.view_programmeitem",
        "events.add_programmeitem",
        "events.change_programmeitem",
        "events.delete_programmeitem",
        "events.view_registration",
        "events.view_programmesettings",
        "events.change_programmesettings",
    ),
    Role.RECEPTION: (
        "house.view_closureday",
        "house.add_closureday",
        "house.view_outboxemail",
        "rooms.view_room",
        "rooms.view_feerule",
        "rooms.view_feesurcharge",
        "rooms.view_booking",
        "events.view_event",
        "events.view_registration",
    ),
    Role.VOLUNTEER_COORDINATION: (),
    Role.SOCIAL_LAB_STAFF: (),
    Role.MENTOR: (),
    Role.CURATORIUM_MEMBER: (),
}


def has_role(user: AnyUser, *roles: Role) -> bool:
    """True if the user is active and holds at least one of ``roles`` (superusers hold all)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(role.value in user.role_names for role in roles)


def is_house_staff(user: AnyUser) -> bool:
    """Staff of the house: these roles see other people's data and must use MFA."""
    return has_role(user, *STAFF_ROLES)


def requires_mfa(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_staff or is_house_staff(user))


def can_manage_house(user: AnyUser) -> bool:
    return has_role(user, Role.HOUSE_MANAGEMENT)


def can_manage_people(user: AnyUser) -> bool:
    return has_role(user, Role.HOUSE_MANAGEMENT)


def can_manage_closure_days(user: AnyUser) -> bool:
    return has_role(user, Role.HOUSE_MANAGEMENT, Role.RECEPTION)


def can_use_reception(user: AnyUser) -> bool:
    return has_role(user, Role.HOUSE_MANAGEMENT, Role.RECEPTION)
